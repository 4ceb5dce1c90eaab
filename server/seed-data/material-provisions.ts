/**
 * How each material of the published 全程网办 items is met online (issue 15: 免提交 first,
 * upload second), keyed by service code and material name, merged into the demo catalogue
 * at seed time (withMaterialProvisions). Before this, 9 of the 18 items sent citizens to the
 * counter with a paper; now every material is met by an e-certificate the citizen holds, data
 * the government holds, a form answer or an upload, and none of them needs an original.
 *
 * The form fields a material needs and the form did not have are added here too (the bank
 * card the money is paid to: masked in every response).
 */
import type { FormField, PrefillSource } from '../../src/contract/services/data'
import type { MaterialImport, ServiceItemImport } from '../../src/contract/services/schemas'

type Provision = Pick<MaterialImport, 'dataSource' | 'formField' | 'upload' | 'original'>

interface ItemProvisions {
  materials: Record<string, Provision>
  /** Fields appended to the item's form. */
  fields?: FormField[]
}

/** The population registry holds every proven citizen's ID card data (their identity was proven by face). */
const ID_CARD: Provision = { dataSource: 'population.id_number' satisfies PrefillSource }
/** A certificate the citizen may not hold electronically: a photo of the paper one will do. */
const PHOTO: Provision = { upload: true }

const BANK_ACCOUNT: FormField = {
  key: 'bankAccount',
  label: '收款银行卡号（本人名下）',
  type: 'text',
  required: true,
  maxLength: 23,
  format: 'bank_account',
  hint: '钱款打入此卡；只显示后四位',
}
const BANK_NAME: FormField = { key: 'bankName', label: '开户银行', type: 'text', required: true, maxLength: 40, hint: '例如：中国工商银行示范市分行' }
const BANK_MATERIAL = '本人社会保障卡或本人名下银行账户'

export const MATERIAL_PROVISIONS: Record<string, ItemProvisions> = {
  // 居民身份证挂失申报
  'SF-GA-0003': { materials: { 丢失情况说明: { formField: 'lostReason' } } },
  // 户籍证明开具: 证明用途说明 as the form's 证明用途, or a photo / PDF of a written one.
  'SF-GA-0005': { materials: { 居民身份证: ID_CARD, 证明用途说明: { formField: 'purpose', upload: true } } },
  // 机动车驾驶证换证: the networked medical check travels by its receipt number; a scan of a paper one will do.
  'SF-JJ-0001': {
    materials: { 居民身份证: ID_CARD, 机动车驾驶证: PHOTO, 县级或部队团级以上医疗机构出具的身体条件证明: { formField: 'medicalCheckNumber', upload: true } },
  },
  'SF-RS-0001': { materials: { 居民身份证: ID_CARD, 灵活就业情况说明: { formField: 'workType' } } },
  // 失业保险金申领: benefits go to the bank card given in the form.
  'SF-RS-0002': {
    materials: { 居民身份证: ID_CARD, [BANK_MATERIAL]: { formField: 'bankAccount' }, 解除或终止劳动关系的证明: PHOTO },
    fields: [BANK_ACCOUNT, BANK_NAME],
  },
  'SF-RS-0003': { materials: { 居民身份证: ID_CARD } },
  // 异地就医备案: the 个人承诺书 is signed in the form (承诺属实即可).
  'SF-YB-0001': {
    materials: { 居民身份证: ID_CARD, 个人承诺书: { formField: 'commitment' } },
    fields: [{ key: 'commitment', label: '个人承诺', type: 'select', required: true, options: ['本人承诺所填信息真实有效，如有不实愿承担相应责任'] }],
  },
  'SF-YB-0002': { materials: { 居民身份证: ID_CARD } },
  'SF-YB-0003': { materials: { 居民身份证: ID_CARD, 出生医学证明: PHOTO, [BANK_MATERIAL]: { formField: 'bankAccount' } }, fields: [BANK_ACCOUNT, BANK_NAME] },
  // 最低生活保障申请: the signed 授权书 photographed or scanned.
  'SF-MZ-0004': { materials: { 居民身份证: ID_CARD, 居民户口簿: PHOTO, 家庭经济状况核对授权书: { upload: true } } },
  'SF-SJ-0001': { materials: { 居民身份证: ID_CARD, 经营场所使用证明: PHOTO } },
  'SF-SJ-0002': { materials: { 居民身份证: ID_CARD } },
  'SF-SW-0004': { materials: { 居民身份证: ID_CARD } },
  // 住房公积金提取（租房）: the rental contract uploaded; the money goes to the bank card in the form.
  'SF-GJJ-0001': { materials: { 居民身份证: ID_CARD, 结婚证: PHOTO, 房屋租赁合同或备案证明: PHOTO }, fields: [BANK_ACCOUNT, BANK_NAME] },
  'SF-GJJ-0004': { materials: { 居民身份证: ID_CARD } },
  'SF-BDC-0001': { materials: { 居民身份证: ID_CARD } },
  'SF-WJ-0002': { materials: { 居民身份证: ID_CARD, 结婚证: PHOTO } },
  // 居住证申领 (在线预审): photo and proof of residence uploaded; the originals are seen at the hall visit.
  'SF-GA-0008': { materials: { 居民身份证: ID_CARD, '近期免冠彩色照片（白底，35mm×45mm）': PHOTO, '居住证明（房屋租赁合同或房屋产权证明）': PHOTO } },
  'SF-JY-0001': { materials: { 居民户口簿: PHOTO, 居民身份证: ID_CARD, 房屋产权证明或租赁备案证明: PHOTO, 居住证: PHOTO } },
}

/** The items with their materials' provisions and added fields merged in (unknown names fail loudly: a renamed material must be renamed here too). */
export function withMaterialProvisions(items: readonly ServiceItemImport[]): ServiceItemImport[] {
  return items.map((item) => {
    const provisions = MATERIAL_PROVISIONS[item.code]
    if (!provisions) return item
    for (const name of Object.keys(provisions.materials)) {
      if (!item.materials.some((material) => material.name === name)) throw new Error(`material-provisions: ${item.code} has no material “${name}”`)
    }
    const materials = item.materials.map((material) => ({ ...material, ...provisions.materials[material.name] }))
    const added = (provisions.fields ?? []).filter((field) => !item.formSchema?.fields.some((existing) => existing.key === field.key))
    const formSchema = item.formSchema && added.length > 0 ? { fields: [...item.formSchema.fields, ...added] } : item.formSchema
    return { ...item, materials, ...(formSchema ? { formSchema } : {}) }
  })
}
