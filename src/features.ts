/**
 * The home grid: one entry per feature that works. A feature adds its entry here when it
 * lands, never before (no dead entries, no "coming soon"). `rank` orders the grid; elderly
 * mode shows only the first ELDERLY_GRID_SIZE entries, so the high-frequency matters rank first.
 */
export interface FeatureEntry {
  key: string
  title: string
  /** One character shown as the tile's glyph (no image download on the main package). */
  glyph: string
  /** Spoken by screen readers. */
  description: string
  url: string
  rank: number
}

export const ELDERLY_GRID_SIZE = 4

/** The search page the home page's search box opens (services subpackage). */
export const SERVICE_SEARCH_URL = '/packages/services/pages/search/index'

export const FEATURES: FeatureEntry[] = [
  { key: 'health-code', title: '健康码', glyph: '码', description: '出示健康码，核验人员扫码核验', url: '/packages/health-code/pages/code/index', rank: 10 },
  { key: 'social-security', title: '社保查询', glyph: '保', description: '查询参保状态、缴费明细和账户余额，开具参保缴费证明', url: '/packages/social-security/pages/overview/index', rank: 20 },
  { key: 'certificates', title: '电子证照', glyph: '证', description: '出示电子证照，查看用证记录，管理授权', url: '/packages/certificates/pages/wallet/index', rank: 30 },
  // 办事服务 ranks in the elderly grid's first four: finding and doing 事项 is what most visits
  // are for; 通知公告 drops out of the elderly grid but the latest notices stay on the home page.
  { key: 'services', title: '办事服务', glyph: '办', description: '按分类、人生事件或部门查找事项，查看办事指南，在线办理', url: '/packages/services/pages/catalogue/index', rank: 40 },
  // After 办事服务: elderly mode keeps the four most used; 我的办件 stays one tap away on 我的.
  { key: 'applications', title: '我的办件', glyph: '件', description: '查看网上申请的办理进度和剩余时限，办结后评价', url: '/packages/applications/pages/my-applications/index', rank: 50 },
  { key: 'notices', title: '通知公告', glyph: '告', description: '查看政府部门发布的通知公告', url: '/packages/notices/pages/list/index', rank: 90 },
]

export function gridEntries(elderlyMode: boolean, features: FeatureEntry[] = FEATURES): FeatureEntry[] {
  const sorted = [...features].sort((a, b) => a.rank - b.rank)
  return elderlyMode ? sorted.slice(0, ELDERLY_GRID_SIZE) : sorted
}
