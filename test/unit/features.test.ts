import fs from 'node:fs'
import path from 'node:path'
import { ELDERLY_GRID_SIZE, gridEntries, type FeatureEntry } from '@/features'

const entry = (key: string, rank: number): FeatureEntry => ({ key, title: key, glyph: key[0], description: key, url: `/packages/${key}/index`, rank })

describe('home grid', () => {
  const features = [entry('e', 50), entry('a', 10), entry('c', 30), entry('b', 20), entry('d', 40)]

  test('orders entries by rank', () => {
    expect(gridEntries(false, features).map((f) => f.key)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  test('elderly mode shows only the highest-ranked entries', () => {
    expect(gridEntries(true, features).map((f) => f.key)).toEqual(['a', 'b', 'c', 'd'].slice(0, ELDERLY_GRID_SIZE))
  })

  test('every real entry points into a subpackage page that exists', () => {
    for (const feature of gridEntries(false)) {
      expect(feature.url.startsWith('/packages/')).toBe(true)
      const file = path.join(__dirname, '../../src', feature.url.replace(/^\//, '') + '.tsx')
      expect(fs.existsSync(file)).toBe(true)
    }
  })
})
