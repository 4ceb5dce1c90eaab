/**
 * Content-audit findings (server/analytics/content-audit.ts) carry a rule and a technical
 * detail (`empty: fees, faq[1]`); editors read them in the guide's own words, on the field.
 */
import type { EditorFinding } from '../../../src/contract/console/schemas'

export const SECTION_NAMES: Record<string, string> = {
  name: '事项名称',
  aliases: '别名',
  department: '实施部门',
  region: '行政区划',
  legalBasis: '设定依据',
  conditions: '受理条件',
  materials: '申请材料',
  fees: '收费标准',
  timeLimitDays: '承诺时限',
  counterAddress: '办理地点',
  counterHours: '办理时间',
  contactPhone: '咨询电话',
  faq: '常见问题',
  formSchema: '在线申请表单',
}

const RULE_WORDS: Record<string, string> = {
  empty_section: '内容为空',
  online_without_form: '全程网办事项缺少在线申请表单',
  invalid_form: '在线申请表单有误',
  unknown_certificate_type: '材料的电子证照类型无法识别',
}

/** The sections a finding concerns (`fees`, `faq` for `faq[1]`). */
export function sectionsOf(finding: EditorFinding): string[] {
  if (finding.rule === 'online_without_form' || finding.rule === 'invalid_form') return ['formSchema']
  if (finding.rule === 'unknown_certificate_type') return ['materials']
  if (finding.rule !== 'empty_section') return []
  return [...new Set(finding.message.replace(/^empty:\s*/, '').split(/,\s*/).map((entry) => entry.replace(/\[.*$/, '')).filter(Boolean))]
}

export function describeFinding(finding: EditorFinding): string {
  const sections = sectionsOf(finding).map((section) => SECTION_NAMES[section] ?? section)
  const words = RULE_WORDS[finding.rule]
  if (!words) return finding.message
  return sections.length && finding.rule === 'empty_section' ? `${sections.join('、')}：${words}（${finding.message}）` : `${words}（${finding.message}）`
}

/** `materials[2].name` → `申请材料 materials[2].name`: the section in words, the exact place kept. */
export function fieldWords(field: string): string {
  const section = SECTION_NAMES[field.replace(/^body\./, '').split(/[.[]/)[0] ?? '']
  return section ? `${section}（${field}）` : field
}
