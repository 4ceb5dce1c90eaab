import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
const child = spawn(process.execPath, ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', '/tmp/phw', 'bench/api/hello-server.ts'], { env: { ...process.env, PORT: '3999', NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] })
await new Promise((r) => child.stdout!.once('data', r))
const r = await autocannon({ url: 'http://127.0.0.1:3999/', connections: 20, duration: 8, headers: { authorization: 'Bearer ' + 'x'.repeat(43) } })
console.log('requests', r.requests.total, 'rps', r.requests.average)
child.kill('SIGINT')
await new Promise((r) => child.once('exit', r))
