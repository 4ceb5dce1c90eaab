/**
 * 办事公开 (published service performance): plain values both sides import. Definitions of
 * every figure are in ./schemas.ts and docs/open-data.md.
 */

/** The window every figure covers: the last 90 days. */
export const PERFORMANCE_WINDOW_DAYS = 90
/** Below this many cases a figure is not published (a sentence says so instead). */
export const PERFORMANCE_MIN_SAMPLE = 10
/** How many of the latest bad reviews a service's block shows. */
export const PERFORMANCE_BAD_REVIEWS = 3
/** How long a computed set is served before it is computed again (seconds). */
export const PERFORMANCE_CACHE_SECONDS = 600

/** What a hidden figure says, for the guide block and the ranking page. */
export function tooFewWords(what: string, count: number, unit = '件'): string {
  return `近${PERFORMANCE_WINDOW_DAYS}天${what}只有 ${count} ${unit}，少于 ${PERFORMANCE_MIN_SAMPLE} ${unit}，数据太少，暂不公布。`
}
