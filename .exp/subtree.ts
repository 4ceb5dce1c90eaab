import fs from 'node:fs'
const [file, name, reqs, depthArg] = process.argv.slice(2)
const p = JSON.parse(fs.readFileSync(file, 'utf8'))
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]))
const self = new Map<number, number>()
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i + 1] ?? 0))
const total = (n: any): number => (self.get(n.id) ?? 0) + (n.children ?? []).reduce((s: number, c: number) => s + total(byId.get(c)), 0)
// aggregate subtree of all nodes named `name` (not nested) by path of function names
const agg = new Map<string, number>()
const maxDepth = Number(depthArg ?? 4)
function walk(n: any, path: string[], inside: boolean) {
  const label = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
  const nowInside = inside || n.callFrame.functionName === name
  if (nowInside) {
    const p2 = inside ? [...path, label] : [label]
    if (p2.length <= maxDepth) agg.set(p2.join(' > '), (agg.get(p2.join(' > ')) ?? 0) + total(n))
    if (p2.length < maxDepth) for (const c of n.children ?? []) walk(byId.get(c), p2, true)
    return
  }
  for (const c of n.children ?? []) walk(byId.get(c), path, false)
}
walk(p.nodes[0], [], false)
const r = Number(reqs)
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 50)) if (v / r > 0.05) console.log((v / r).toFixed(2).padStart(6), 'µs', k)
