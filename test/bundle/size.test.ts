/** Package size limits of both consoles, on the bundles just built. */
import path from 'node:path'
import { measurePackages, PACKAGE_LIMIT, sizeViolations, TOTAL_LIMIT } from '../../scripts/package-sizes'

describe.each(['weapp', 'alipay'])('%s package sizes', (platform) => {
  const report = measurePackages(path.resolve(__dirname, '../../dist', platform), platform)

  test('every package is within 2 MB and the total within 8 MB', () => {
    expect(sizeViolations(report)).toEqual([])
    expect(report.main.bytes).toBeLessThan(PACKAGE_LIMIT)
    expect(report.total).toBeLessThan(TOTAL_LIMIT)
  })

  test('feature pages live in subpackages, not in the main package', () => {
    expect(report.subPackages.map((sub) => sub.name)).toContain('packages/notices')
    for (const sub of report.subPackages) expect(sub.bytes).toBeGreaterThan(0)
  })

  test('the size checker flags an oversized package by name', () => {
    const oversized = { ...report, main: { name: 'main', bytes: PACKAGE_LIMIT + 1 }, total: TOTAL_LIMIT + 1 }
    expect(sizeViolations(oversized)).toEqual([
      expect.stringContaining(`${platform} main`),
      expect.stringContaining(`${platform} total`),
    ])
  })
})
