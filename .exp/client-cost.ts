import { execSync } from 'node:child_process'
import fs from 'node:fs'
import autocannon from 'autocannon'
import { seedBenchCitizens } from '../bench/api/bench-citizens'
import { baseEnv, sqliteDatabase } from '../bench/api/environment'
import { freePort, runNodeScript, startNodeProcess } from '../bench/api/processes'
import { loadConfig } from '../server/config'

const cpuOf = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10 }
const childPids = () => execSync(`ps --ppid ${process.pid} -o pid=`).toString().trim().split(/\s+/).map(Number).filter((p) => fs.existsSync(`/proc/${p}/stat`) && fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('tsx'))

async function run(name: string, opts: any, pids: number[]) {
  const c0 = process.cpuUsage(); const s0 = pids.map(cpuOf); const t0 = Date.now()
  const r = await autocannon({ ...opts, duration: 3, connections: 20, timeout: 10 })
  const ms = Date.now() - t0; const c = process.cpuUsage(c0); const s = pids.map((p, i) => cpuOf(p) - s0[i])
  console.log(name.padEnd(40), Math.round(r.requests.average), 'req/s', 'client', Math.round((c.user + c.system) / 1000 / ms * 100) + '%', 'servers', s.map((x) => Math.round(x / ms * 100) + '%').join(' '), 'non2xx', r.non2xx)
}
async function main() {
  const db = await sqliteDatabase()
  const env = { ...baseEnv(), ...db.env }
  runNodeScript('server/seed-cli.ts', env)
  const tokens = await seedBenchCitizens(loadConfig({ ...process.env, ...env }), 200)
  const hello = await startNodeProcess('bench/api/hello-server.ts', { HOST: '127.0.0.1', PORT: '0' }, 'hello')
  const server = await startNodeProcess('server/main.ts', { ...env, PORT: String(await freePort()) }, 'app')
  const pids = childPids()
  console.log('pids', pids)
  let next = 0
  const onResponse = () => {}
  const dyn = [{ method: 'GET', path: '/api/health-code', setupRequest: (r: any) => ({ ...r, headers: { ...r.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }), onResponse }]
  const stat = tokens.map((t) => ({ method: 'GET', path: '/api/health-code', headers: { authorization: `Bearer ${t}` } }))
  await run('warm', { url: server.url, requests: stat }, pids)
  for (let round = 0; round < 6; round++) {
    await run('health (setupRequest+onResponse)', { url: server.url, requests: dyn }, pids)
    await run('health (static per token)', { url: server.url, requests: stat }, pids)
  }
  await server.stop(); await hello.stop(); await db.cleanup()
}
void main()
