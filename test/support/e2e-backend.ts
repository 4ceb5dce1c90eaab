/**
 * The real backend for browser tests: seeded SQLite, serving the H5 build from dist/h5
 * and the API on one free port, exactly as `npm start` does.
 */
import fs from 'node:fs'
import path from 'node:path'
import { distOf } from '../../scripts/dist-root'
import { dialects, testConfig, type TestDatabase } from './dialects'
import { startApp } from './server-app'
import { raisedRateLimits } from './rate-limits'

export const H5_DIST = distOf('h5')
export const SCREENSHOTS = path.resolve(__dirname, '../../test-output/e2e')

export async function startE2eBackend() {
  if (!fs.existsSync(path.join(H5_DIST, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5')
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const database: TestDatabase = await dialects()[0].setup()
  const db = database.open()
  // The dev sandbox identity provider is what the H5 preview logs in with; it pays with the development payment provider.
  const config = testConfig({ ...database.env, STATIC_DIR: H5_DIST, AUTH_SANDBOX: '1', PAYMENT_DEV: '1', ...raisedRateLimits() })
  const server = await startApp({ config, db, seed: true })
  return {
    ...server,
    database,
    /** PUBLIC_ORIGIN (its test default): where printed links such as a proof's verifyUrl point. */
    publicOrigin: config.publicOrigin,
    close: async () => {
      await server.close()
      await database.cleanup()
    },
  }
}

/** The development face step of the H5 preview (the sandbox provider), through the real routes: level 4. */
export async function proveWithSandboxFace(
  backend: { request(path: string, options?: { method?: string; headers?: Record<string, string>; payload?: unknown }): Promise<{ status: number; body: any; text: string }> },
  token: string,
): Promise<void> {
  const headers = { authorization: `Bearer ${token}` }
  const started = await backend.request('/api/identity/face/start', { method: 'POST', headers })
  const confirmed = await backend.request('/api/identity/face/confirm', { method: 'POST', headers, payload: { verificationId: started.body.verificationId, verifyResult: 'sandbox-pass' } })
  if (confirmed.status !== 200) throw new Error(`sandbox face verification failed: ${confirmed.status} ${confirmed.text}`)
}
