import autocannon from 'autocannon'
import { startNodeProcess } from '../bench/api/processes'
async function main() {
  const hello = await startNodeProcess('bench/api/hello-server.ts', { HOST: '127.0.0.1', PORT: '0' }, 'hello')
  const tok = 'Bearer ' + 'x'.repeat(43)
  for (let round = 0; round < 3; round++) {
    for (const [name, headers] of [['none', {}], ['auth', { authorization: tok }], ['auth+3', { authorization: tok, 'x-a': '1', 'user-agent': 'mini', accept: 'application/json' }]] as const) {
      const r = await autocannon({ url: hello.url, duration: 4, connections: 20, requests: [{ method: 'GET', path: '/', headers }] })
      console.log(name.padEnd(8), Math.round(r.requests.average))
    }
  }
  await hello.stop()
}
void main()
