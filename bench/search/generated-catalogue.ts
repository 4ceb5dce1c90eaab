/**
 * A province-sized catalogue for the search benchmark: the demo city's items plus generated
 * ones, built from the words real catalogues use (a subject, an action, a department), so
 * the index holds many near neighbours of every real item. Deterministic (seeded).
 */
import { LIFE_EVENTS, type LifeEvent } from '../../src/contract/services/data'
import type { IndexedItem } from '../../server/catalogue/search-index'
import { demoServices } from '../../server/seed-data/demo-services'

const SUBJECTS = ['渔业捕捞', '林木采伐', '水域滩涂养殖', '建筑施工', '特种设备', '危险化学品', '烟花爆竹', '广播电视', '出版物', '文物保护', '体育场馆', '旅行社', '导游', '民办学校', '职业培训', '人力资源服务', '劳务派遣', '药品零售', '医疗器械', '兽药经营', '种子生产', '农药经营', '肥料登记', '生猪屠宰', '动物诊疗', '城市道路占用', '户外广告', '排水许可', '河道采砂', '取水许可', '林地占用', '燃气经营', '供热经营', '物业服务', '房地产经纪', '测绘资质', '地质勘查', '矿产开采', '安全生产', '消防设计', '人防工程', '气象信息', '无线电台', '宗教活动场所', '社会团体', '民办非企业单位', '基金会', '慈善组织', '拍卖企业', '典当行']
const ACTIONS = ['许可', '许可证核发', '备案', '登记', '变更登记', '注销登记', '资格认定', '审批', '年度检验', '证书补发', '延续', '核准', '验收', '信息查询', '证明开具']
const DEPARTMENTS = ['省农业农村厅', '省林业局', '省住房和城乡建设厅', '省市场监督管理局', '省应急管理厅', '省文化和旅游厅', '省教育厅', '省人力资源和社会保障厅', '省药品监督管理局', '省水利厅', '省自然资源厅', '省民政厅', '省商务厅', '省气象局']
const REGIONS = ['东城区', '西城区', '南湖区', '北山区', '高新区', '经开区', '临江县', '青山县', '白水县', '红河县']
const EVENTS = Object.keys(LIFE_EVENTS) as LifeEvent[]

/** A small deterministic generator (mulberry32): the same catalogue every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function demoIndexedItems(): IndexedItem[] {
  return demoServices
    .filter((item) => (item.status ?? 'published') === 'published')
    .map((item) => ({
      code: item.code,
      name: item.name,
      aliases: item.aliases ?? [],
      department: item.department,
      category: item.category,
      onlineLevel: item.onlineLevel,
      timeLimitDays: item.timeLimitDays,
      audiences: item.audiences,
      popularity: 0,
      guideText: [...item.conditions, ...item.materials.map((material) => material.name), ...(item.lifeEvents ?? []).map((key) => LIFE_EVENTS[key])].join('\n'),
    }))
}

export function generatedItems(count: number, seed = 20261206): IndexedItem[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const items: IndexedItem[] = []
  for (let index = 0; index < count; index += 1) {
    const subject = pick(SUBJECTS)
    const action = pick(ACTIONS)
    const region = pick(REGIONS)
    items.push({
      code: `GEN-${String(index).padStart(5, '0')}`,
      name: `${region}${subject}${action}`,
      aliases: [`${subject}${action}`, `${subject}办理`],
      department: pick(DEPARTMENTS),
      category: 'other',
      onlineLevel: pick(['info', 'appointment', 'pre_review', 'full_online']),
      timeLimitDays: 1 + Math.floor(next() * 20),
      audiences: ['legal_person'],
      popularity: Math.floor(next() * 50),
      guideText: [`申请人具有${subject}相关资质`, `${subject}${action}申请表`, '营业执照', LIFE_EVENTS[pick(EVENTS)]].join('\n'),
    })
  }
  return items
}
