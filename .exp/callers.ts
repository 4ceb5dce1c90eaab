import fs from 'node:fs'
const [file, name, urlPart, reqs] = process.argv.slice(2)
const p = JSON.parse(fs.readFileSync(file, 'utf8'))
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const self = new Map<number, number>()
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i + 1] ?? 0))
const total = (n: any): number => (self.get(n.id) ?? 0) + (n.children ?? []).reduce((s: number, c: number) => s + total(byId.get(c)), 0)
const agg = new Map<string, number>()
for (const n of p.nodes) if (n.callFrame.functionName === name && n.callFrame.url.includes(urlPart)) {
  const chain: string[] = []; let id = parent.get(n.id)
  for (let k = 0; k < 3 && id !== undefined; k++) { const q = byId.get(id); chain.push(`${q.callFrame.functionName || '(anon)'} ${q.callFrame.url.split('/').pop()}:${q.callFrame.lineNumber + 1}`); id = parent.get(id) }
  const key = chain.join(' < '); agg.set(key, (agg.get(key) ?? 0) + total(n))
}
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((v / Number(reqs)).toFixed(2).padStart(6), 'µs', k)
