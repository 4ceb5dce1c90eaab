/**
 * Design tokens: the one source of type scale, spacing, colours and target sizes.
 * Pages never hard-code these; the page root receives them as CSS custom properties
 * (see `tokenStyle`) chosen by the UI store's elderly-mode switch, and app.css reads them.
 * Elderly mode follows the MIIT 适老化 numbers: body ≥ 18px, line height ≥ 1.3,
 * text contrast ≥ 4.5:1, touch targets ≥ 60×60.
 */
export interface ThemeTokens {
  fontBody: number
  fontSmall: number
  fontTitle: number
  fontHeading: number
  lineHeight: number
  space: number
  radius: number
  target: number
  gridColumns: number
  colorText: string
  colorTextMuted: string
  colorBackground: string
  colorSurface: string
  colorPrimary: string
  colorOnPrimary: string
  colorDanger: string
  colorBorder: string
  colorWarningText: string
  colorWarningBackground: string
}

export const normalTokens: ThemeTokens = {
  fontBody: 15,
  fontSmall: 13,
  fontTitle: 17,
  fontHeading: 20,
  lineHeight: 1.5,
  space: 12,
  radius: 8,
  target: 44,
  gridColumns: 4,
  colorText: '#1f2329',
  colorTextMuted: '#5c6370',
  colorBackground: '#f4f6f9',
  colorSurface: '#ffffff',
  colorPrimary: '#1557c0',
  colorOnPrimary: '#ffffff',
  colorDanger: '#b42318',
  colorBorder: '#d9dde3',
  colorWarningText: '#5c3b00',
  colorWarningBackground: '#fff4e5',
}

export const elderlyTokens: ThemeTokens = {
  fontBody: 20,
  fontSmall: 18,
  fontTitle: 22,
  fontHeading: 26,
  lineHeight: 1.5,
  space: 16,
  radius: 10,
  target: 60,
  gridColumns: 2,
  colorText: '#000000',
  colorTextMuted: '#333333',
  colorBackground: '#ffffff',
  colorSurface: '#ffffff',
  colorPrimary: '#0b3d91',
  colorOnPrimary: '#ffffff',
  colorDanger: '#8f1a10',
  colorBorder: '#767676',
  colorWarningText: '#3d2700',
  colorWarningBackground: '#fff4e5',
}

export function tokensFor(elderlyMode: boolean): ThemeTokens {
  return elderlyMode ? elderlyTokens : normalTokens
}

const cssName = (key: string) => '--gm-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

/** Text/background pairs the stylesheet uses; the token check holds each to its minimum contrast. */
export const COLOUR_PAIRS: { text: keyof ThemeTokens; background: keyof ThemeTokens }[] = [
  { text: 'colorText', background: 'colorBackground' },
  { text: 'colorText', background: 'colorSurface' },
  { text: 'colorTextMuted', background: 'colorBackground' },
  { text: 'colorTextMuted', background: 'colorSurface' },
  { text: 'colorOnPrimary', background: 'colorPrimary' },
  { text: 'colorPrimary', background: 'colorSurface' },
  { text: 'colorDanger', background: 'colorSurface' },
  { text: 'colorDanger', background: 'colorBackground' },
  { text: 'colorWarningText', background: 'colorWarningBackground' },
]

/** The largest system font scale we follow; beyond it layouts would break (MIIT asks for up to ~1.5×). */
export const MAX_FONT_SCALE = 1.5

/**
 * Tokens with the type scale multiplied by the system font scale (clamped to 1..MAX), so a
 * citizen who enlarged text in their phone's settings gets it here too.
 */
export function scaleTokens(tokens: ThemeTokens, fontScale: number): ThemeTokens {
  const scale = Math.min(Math.max(fontScale || 1, 1), MAX_FONT_SCALE)
  if (scale === 1) return tokens
  const round = (n: number) => Math.round(n * scale)
  return { ...tokens, fontBody: round(tokens.fontBody), fontSmall: round(tokens.fontSmall), fontTitle: round(tokens.fontTitle), fontHeading: round(tokens.fontHeading) }
}

/** The tokens as one inline style string of CSS custom properties for the page root. */
export function tokenStyle(tokens: ThemeTokens): string {
  return Object.entries(tokens)
    .map(([key, value]) => `${cssName(key)}:${typeof value === 'number' && key !== 'lineHeight' && key !== 'gridColumns' ? value + 'px' : value}`)
    .join(';')
}
