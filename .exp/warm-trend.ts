import autocannon from 'autocannon'
import { seedBenchCitizens } from '../bench/api/bench-citizens'
import { baseEnv, sqliteDatabase } from '../bench/api/environment'
import { freePort, runNodeScript, startNodeProcess } from '../bench/api/processes'
import { SCENARIOS } from '../bench/api/scenarios'
import { loadConfig } from '../server/config'
async function main() {
  const db = await sqliteDatabase()
  const env = { ...baseEnv(), ...db.env }
  runNodeScript('server/seed-cli.ts', env)
  const tokens = await seedBenchCitizens(loadConfig({ ...process.env, ...env }), 200)
  const hello = await startNodeProcess('bench/api/hello-server.ts', { HOST: '127.0.0.1', PORT: '0' }, 'hello')
  const server = await startNodeProcess('server/main.ts', { ...env, PORT: String(await freePort()) }, 'app')
  const prepared: any = await SCENARIOS.find((s) => s.name === 'GET /api/health-code')!.prepare({ appUrl: server.url, tokens, routes: new Set(['GET /api/health-code']) })
  const o = { connections: 20, timeout: 10 }
  const line: string[] = []
  for (let i = 0; i < 12; i++) {
    const h = await autocannon({ ...o, url: hello.url, duration: 2, requests: [{ method: 'GET', path: '/', onResponse: () => {} }] })
    const a = await autocannon({ ...o, url: server.url, duration: 2, requests: prepared.requests.map((r: any) => ({ ...r, onResponse: () => {} })) })
    console.log(`slice ${i}: hello ${Math.round(h.requests.average)} health ${Math.round(a.requests.average)} ratio ${(a.requests.average / h.requests.average).toFixed(2)}`)
  }
  await server.stop(); await hello.stop(); await db.cleanup()
}
void main()
