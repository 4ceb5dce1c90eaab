import { sharedPlugin } from './shared-plugin'

/**
 * While the app is closing, answer in-flight requests with `Connection: close`. Otherwise
 * a keep-alive client (a load balancer, undici) holds its now idle connection open and
 * app.close() waits for it to time out, stretching every graceful shutdown by seconds.
 */
export const closeConnectionsPlugin = sharedPlugin('close-connections', async (app) => {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  // A callback hook, not an async one: no promise per answer.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close')
    done(null, payload)
  })
})
