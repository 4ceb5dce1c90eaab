import net from 'node:net'
import autocannon from 'autocannon'
const server = net.createServer((s) => s.once('data', (d) => { console.log(JSON.stringify(d.toString())); s.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n') }))
await new Promise<void>((r) => server.listen(3998, '127.0.0.1', () => r()))
await autocannon({ url: 'http://127.0.0.1:3998', connections: 1, amount: 1, requests: [{ method: 'GET', path: '/api/health-code', setupRequest: (r: any) => ({ ...r, headers: { ...r.headers, authorization: 'Bearer x' } }) }] })
server.close()
