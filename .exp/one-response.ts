import net from 'node:net'
import { seedBenchCitizens } from '../bench/api/bench-citizens'
import { baseEnv, sqliteDatabase } from '../bench/api/environment'
import { freePort, runNodeScript, startNodeProcess } from '../bench/api/processes'
import { loadConfig } from '../server/config'
async function main() {
const db = await sqliteDatabase()
const env = { ...baseEnv(), ...db.env }
runNodeScript('server/seed-cli.ts', env)
const tokens = await seedBenchCitizens(loadConfig({ ...process.env, ...env }), 2)
const port = await freePort()
const server = await startNodeProcess('server/main.ts', { ...env, PORT: String(port) }, 'app')
for (let i = 0; i < 2; i++) {
  const raw = await new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(`GET /api/health-code HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens[0]}\r\n\r\n`))
    let out = ''
    s.on('data', (d) => { out += d.toString(); if (out.includes('\r\n\r\n')) { setTimeout(() => { s.destroy(); resolve(out) }, 50) } })
  })
  console.log(raw.length, 'bytes\n' + raw)
}
await server.stop(); await db.cleanup()
}
void main()
