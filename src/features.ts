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
  { key: 'notices', title: '通知公告', glyph: '告', description: '查看政府部门发布的通知公告', url: '/packages/notices/pages/list/index', rank: 90 },
]

export function gridEntries(elderlyMode: boolean, features: FeatureEntry[] = FEATURES): FeatureEntry[] {
  const sorted = [...features].sort((a, b) => a.rank - b.rank)
  return elderlyMode ? sorted.slice(0, ELDERLY_GRID_SIZE) : sorted
}
