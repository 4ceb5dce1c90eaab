/** Package size limits of both consoles, on the bundles just built. */
import fs from 'node:fs'
import path from 'node:path'
import { distOf } from '../../scripts/dist-root'
import { measurePackages, PACKAGE_LIMIT, sizeViolations, TOTAL_LIMIT } from '../../scripts/package-sizes'

/** The main package's script files (everything outside the subpackage roots). */
function mainScripts(distDir: string): string[] {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, '') + '/')
  return (fs.readdirSync(distDir, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.js') && !roots.some((root) => file.startsWith(root)))
}

describe.each(['weapp', 'alipay'])('%s package sizes', (platform) => {
  const distDir = distOf(platform)
  const report = measurePackages(distDir, platform)

  test('every package is within 2 MB and the total within 8 MB', () => {
    expect(sizeViolations(report)).toEqual([])
    expect(report.main.bytes).toBeLessThan(PACKAGE_LIMIT)
    expect(report.total).toBeLessThan(TOTAL_LIMIT)
  })

  test('feature pages live in subpackages, not in the main package', () => {
    expect(report.subPackages.map((sub) => sub.name)).toContain('packages/notices')
    for (const sub of report.subPackages) expect(sub.bytes).toBeGreaterThan(0)
  })

  test('feature stores and their services are built on first use in their subpackage, not shipped in the main package', () => {
    const main = mainScripts(distDir).map((file) => fs.readFileSync(path.join(distDir, file), 'utf8')).join('\n')
    expect(main).toContain('/api/notices') // the home page's store is in main, so the check can see stores at all
    for (const featureRoute of ['/api/certificates', '/api/social-security', '/api/health-code', '/api/applications', '/api/services', '/api/feedback']) {
      expect({ featureRoute, inMain: main.includes(featureRoute) }).toEqual({ featureRoute, inMain: false })
    }
  })

  test('the size checker flags an oversized package by name', () => {
    const oversized = { ...report, main: { name: 'main', bytes: PACKAGE_LIMIT + 1 }, total: TOTAL_LIMIT + 1 }
    expect(sizeViolations(oversized)).toEqual([
      expect.stringContaining(`${platform} main`),
      expect.stringContaining(`${platform} total`),
    ])
  })
})
