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

export const FEATURES: FeatureEntry[] = [
  { key: 'health-code', title: '健康码', glyph: '码', description: '出示健康码，核验人员扫码核验', url: '/packages/health-code/pages/code/index', rank: 10 },
  { key: 'social-security', title: '社保查询', glyph: '保', description: '查询参保状态、缴费明细和账户余额，开具参保缴费证明', url: '/packages/social-security/pages/overview/index', rank: 20 },
  { key: 'certificates', title: '电子证照', glyph: '证', description: '出示电子证照，查看用证记录，管理授权', url: '/packages/certificates/pages/wallet/index', rank: 30 },
  { key: 'notices', title: '通知公告', glyph: '告', description: '查看政府部门发布的通知公告', url: '/packages/notices/pages/list/index', rank: 90 },
]

export function gridEntries(elderlyMode: boolean, features: FeatureEntry[] = FEATURES): FeatureEntry[] {
  const sorted = [...features].sort((a, b) => a.rank - b.rank)
  return elderlyMode ? sorted.slice(0, ELDERLY_GRID_SIZE) : sorted
}
