/**
 * bench/RESULTS.md: every bench command adds its figures there, newest first, each under a
 * heading with the date, the commit they were measured on and the machine, so a figure is
 * never read without knowing what produced it.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const RESULTS_FILE = path.resolve(__dirname, '..', 'RESULTS.md')
const MARKER = '<!-- newest first: bench scripts insert below this line -->'
const HEADER = `# Benchmark results

Written by \`npm run bench:size\`, \`npm run bench:render\` and \`npm run bench:api\` (see the
README's Benchmarks section). Each entry names the commit (\`-dirty\`: uncommitted changes
were measured too) and the machine. Figures from a machine busy with other work are only
indicative; compare ratios measured in the same run.

${MARKER}
`

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return ''
  }
}

/** The short commit, `-dirty` when the working tree differs from it. */
export function commitLabel(): string {
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown'
  return git(['status', '--porcelain']) ? `${commit}-dirty` : commit
}

export function machineLabel(): string {
  const cpus = os.cpus()
  return `${os.availableParallelism?.() ?? cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`
}

/** Adds one entry at the top of the results file (creating it when missing); returns the entry. */
export function appendResults(command: string, body: string): string {
  const heading = `## ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · \`${command}\` · ${commitLabel()}`
  const entry = `${heading}\n\nMachine: ${machineLabel()}\n\n${body.trim()}\n`
  const current = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : HEADER
  const at = current.indexOf(MARKER)
  const next = at === -1 ? `${current.trimEnd()}\n\n${MARKER}\n\n${entry}` : `${current.slice(0, at + MARKER.length)}\n\n${entry}${current.slice(at + MARKER.length).replace(/^\n*/, '\n')}`
  fs.writeFileSync(RESULTS_FILE, next.replace(/\n*$/, '\n'))
  return entry
}

/** A Markdown table; numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const numeric = (value: string | number) => typeof value === 'number' || /^(-?[\d.]+(×| KB| ms)?|–)$/.test(value)
  const align = headers.map((_, column) => (rows.every((row) => numeric(row[column])) ? '---:' : '---'))
  return [headers, align, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n')
}
