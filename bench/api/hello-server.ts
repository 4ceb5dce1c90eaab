/**
 * The API bench's baseline: a bare Fastify hello-world of the version the app uses, in its
 * own process like the app, no logger, no plugins. Listens on HOST/PORT (0 = any free port)
 * and prints the URL it listens on.
 */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))

app
  .listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 0) })
  .then((address) => console.log(`hello-world listening on ${address}`))
  .catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)))
