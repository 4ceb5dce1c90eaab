/**
 * Reads a V8 CPU profile (`node --cpu-prof`, e.g. from `npm run bench:api -- --profile DIR`) and
 * prints where the time went: the top functions by self time, and by inclusive time (a function
 * with everything it called), as a share of the busy time and, given the number of requests the
 * profile served, in µs per request.
 *
 *   npx tsx bench/profile-summary.ts FILE.cpuprofile [--requests N] [--top 30] [--match text] [--after-ms 3000]
 *
 * --after-ms leaves out the first milliseconds of the profile (the server starting: modules, schemas).
 * --match keeps the inclusive list to frames whose function or file contains the text.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string' }, top: { type: 'string', default: '30' }, match: { type: 'string' }, 'after-ms': { type: 'string', default: '0' } },
})
if (positionals.length !== 1) {
  console.error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--requests N] [--top 30] [--match text] [--after-ms 3000]')
  process.exit(2)
}

const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

// Microseconds of samples landing in each node (the delta before a sample is its duration).
const selfMicros = new Map<number, number>()
const skipMicros = Number(args['after-ms']) * 1000
let elapsed = 0
profile.samples.forEach((id, index) => {
  const delta = Math.max(0, profile.timeDeltas[index] ?? 0)
  elapsed += delta
  if (elapsed >= skipMicros) selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta)
})

const IDLE = new Set(['(idle)', '(program)'])
const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame
  const file = url ? `${path.basename(url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : ''
  return `${functionName || '(anonymous)'}${file ? ` ${file}` : ''}`
}

let busy = 0
const self = new Map<string, number>()
const inclusive = new Map<string, number>()
for (const [id, micros] of selfMicros) {
  const node = byId.get(id)!
  if (IDLE.has(node.callFrame.functionName)) continue
  busy += micros
  self.set(label(node), (self.get(label(node)) ?? 0) + micros)
  // Each label counted once per stack, however often it recurs in it.
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at)!)
    if (seen.has(name)) continue
    seen.add(name)
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros)
  }
}

const requests = args.requests ? Number(args.requests) : undefined
const top = Number(args.top)
const row = ([name, micros]: [string, number]) =>
  `${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %${requests ? `${(micros / requests).toFixed(1).padStart(8)} µs/req` : ''}  ${name}`

console.log(`busy ${(busy / 1000).toFixed(0)} ms${requests ? ` over ${requests} requests: ${(busy / requests).toFixed(1)} µs/request` : ''}`)
console.log('\nself time:')
for (const entry of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(row(entry))
console.log('\ninclusive time:')
const matching = [...inclusive].filter(([name]) => !args.match || name.includes(args.match))
for (const entry of matching.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(row(entry))
