/** Runs axe-core in a Playwright page and returns the serious and critical violations. */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

// Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
// govern: an injected <script> (addScriptTag) is inline script, which the CSP refuses.
let axeSource: string | undefined

export interface AxeViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(axeSource)
  const results = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  })) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }))
}
