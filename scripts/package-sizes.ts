/**
 * Measures a built mini-program the way the consoles do: the main package is everything
 * not under a subpackage root, each subpackage is its root folder. Project files for the
 * IDEs are not uploaded and are not counted.
 */
import fs from 'node:fs'
import path from 'node:path'

export const KB = 1024
export const MB = 1024 * KB
/** Each package (main or sub) may be at most 2 MB on both platforms. */
export const PACKAGE_LIMIT = 2 * MB
/** Alipay's total cap (WeChat allows more); we hold both to the stricter one. */
export const TOTAL_LIMIT = 8 * MB

const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json', 'mini.project.json'])

export interface PackageSize {
  name: string
  bytes: number
}
export interface SizeReport {
  platform: string
  main: PackageSize
  subPackages: PackageSize[]
  total: number
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else out.push(full)
  }
  return out
}

export function measurePackages(distDir: string, platform: string): SizeReport {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, ''))
  const subPackages = new Map(roots.map((root) => [root, 0]))
  let main = 0
  for (const file of walk(distDir)) {
    const relative = path.relative(distDir, file).split(path.sep).join('/')
    if (NOT_UPLOADED.has(relative)) continue
    const bytes = fs.statSync(file).size
    const root = roots.find((candidate) => relative.startsWith(candidate + '/'))
    if (root) subPackages.set(root, (subPackages.get(root) ?? 0) + bytes)
    else main += bytes
  }
  const subs = [...subPackages].map(([name, bytes]) => ({ name, bytes }))
  return { platform, main: { name: 'main', bytes: main }, subPackages: subs, total: main + subs.reduce((sum, sub) => sum + sub.bytes, 0) }
}

/** Every limit the report breaks, in words that name the package and the numbers. */
export function sizeViolations(report: SizeReport): string[] {
  const problems: string[] = []
  for (const pkg of [report.main, ...report.subPackages]) {
    if (pkg.bytes > PACKAGE_LIMIT) problems.push(`${report.platform} ${pkg.name}: ${kb(pkg.bytes)} KB exceeds ${kb(PACKAGE_LIMIT)} KB per package`)
  }
  if (report.total > TOTAL_LIMIT) problems.push(`${report.platform} total: ${kb(report.total)} KB exceeds ${kb(TOTAL_LIMIT)} KB`)
  return problems
}

export const kb = (bytes: number) => (bytes / KB).toFixed(1)

export function formatReport(report: SizeReport): string {
  const rows = [[`${report.platform} main`, report.main.bytes], ...report.subPackages.map((sub) => [`${report.platform} ${sub.name}`, sub.bytes] as const), [`${report.platform} total`, report.total]]
  return rows.map(([name, bytes]) => `${String(name).padEnd(34)} ${kb(Number(bytes)).padStart(9)} KB`).join('\n')
}
