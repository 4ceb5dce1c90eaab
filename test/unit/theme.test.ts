/**
 * The design tokens against the numbers the elderly-mode (适老化) rules and WCAG give:
 * body ≥ 18px, line height ≥ 1.3, text contrast ≥ 4.5:1 (≥ 3:1 for large text), targets
 * ≥ 60×60 in elderly mode and ≥ 44×44 otherwise, at most four home-grid entries.
 */
import { ELDERLY_GRID_SIZE } from '@/features'
import { contrastRatio } from '@/theme/contrast'
import { COLOUR_PAIRS, elderlyTokens, MAX_FONT_SCALE, normalTokens, scaleTokens, tokenStyle } from '@/theme/tokens'

describe('elderly-mode tokens', () => {
  test('type scale: body ≥ 18px, headings larger than body, line height ≥ 1.3', () => {
    expect(elderlyTokens.fontBody).toBeGreaterThanOrEqual(18)
    expect(elderlyTokens.fontSmall).toBeGreaterThanOrEqual(18)
    expect(elderlyTokens.fontTitle).toBeGreaterThan(elderlyTokens.fontBody)
    expect(elderlyTokens.fontHeading).toBeGreaterThan(elderlyTokens.fontTitle)
    expect(elderlyTokens.lineHeight).toBeGreaterThanOrEqual(1.3)
  })

  test('touch targets ≥ 60×60 and at most four grid entries', () => {
    expect(elderlyTokens.target).toBeGreaterThanOrEqual(60)
    expect(ELDERLY_GRID_SIZE).toBeLessThanOrEqual(4)
    expect(elderlyTokens.fontBody).toBeGreaterThan(normalTokens.fontBody)
  })
})

describe('normal-mode tokens', () => {
  test('touch targets ≥ 44×44 and line height ≥ 1.3', () => {
    expect(normalTokens.target).toBeGreaterThanOrEqual(44)
    expect(normalTokens.lineHeight).toBeGreaterThanOrEqual(1.3)
  })
})

describe.each([
  ['normal', normalTokens],
  ['elderly', elderlyTokens],
])('%s colours', (_mode, tokens) => {
  // Every pair is held to 4.5:1, the minimum for body text; large text (3:1) gets no discount
  // because the same colours are used at every size.
  test.each(COLOUR_PAIRS)('$text on $background has contrast ≥ 4.5:1', ({ text, background }) => {
    expect(contrastRatio(String(tokens[text]), String(tokens[background]))).toBeGreaterThanOrEqual(4.5)
  })
})

describe('contrast computation', () => {
  test('matches known WCAG values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
  })
})

describe('system font scale', () => {
  test('enlarges the type scale, clamped so layouts hold', () => {
    expect(scaleTokens(normalTokens, 1.3).fontBody).toBe(Math.round(normalTokens.fontBody * 1.3))
    expect(scaleTokens(normalTokens, 3).fontBody).toBe(Math.round(normalTokens.fontBody * MAX_FONT_SCALE))
    expect(scaleTokens(normalTokens, 0.8)).toBe(normalTokens)
    expect(scaleTokens(elderlyTokens, 1.2).target).toBe(elderlyTokens.target)
  })

  test('tokens become CSS custom properties with units where sizes are meant', () => {
    const style = tokenStyle(elderlyTokens)
    expect(style).toContain('--gm-font-body:20px')
    expect(style).toContain('--gm-line-height:1.5')
    expect(style).toContain('--gm-grid-columns:2')
    expect(style).toContain('--gm-color-primary:#0b3d91')
  })
})
