/**
 * DEV ONLY. The sandbox identity provider behind the H5 preview, where neither wx.login nor
 * my.getAuthCode exists. It is created only when AUTH_SANDBOX=1, which the config refuses
 * together with NODE_ENV=production.
 *
 *  - Login: the code `sandbox:<citizenKey>` logs in as that demo citizen — but only for keys
 *    on the list it was given (the seeded demo citizens), so the sandbox can never reach a
 *    real citizen's account. Anything else is LOGIN_CODE_INVALID.
 *  - Face: start() prepares nothing; confirm() passes only for the evidence
 *    { verifyResult: 'sandbox-pass' } (the preview's "模拟核验通过" button sends it) and fails
 *    for anything else, so failure paths can be tried in the preview too.
 */
import { AppError } from '../../errors'
import type { FaceStart, FaceVerifier, LoginProvider, PlatformIdentity } from './types'

export const SANDBOX_CODE_PREFIX = 'sandbox:'
export const SANDBOX_FACE_PASS = 'sandbox-pass'

export function createSandboxLoginProvider(options: { allowedKeys: Iterable<string> }): LoginProvider {
  const allowed = new Set(options.allowedKeys)

  async function exchange(code: string): Promise<PlatformIdentity> {
    if (typeof code !== 'string' || !code.startsWith(SANDBOX_CODE_PREFIX)) throw new AppError('LOGIN_CODE_INVALID')
    const key = code.slice(SANDBOX_CODE_PREFIX.length)
    if (!allowed.has(key)) throw new AppError('LOGIN_CODE_INVALID')
    return { platform: 'h5dev', subject: key }
  }

  return { platform: 'h5dev', exchange }
}

export function createSandboxFaceVerifier(): FaceVerifier {
  return {
    provider: 'sandbox',
    async start(): Promise<FaceStart> {
      return {}
    },
    async confirm(_subject, evidence): Promise<void> {
      if (evidence.verifyResult !== SANDBOX_FACE_PASS) {
        throw new AppError('FACE_VERIFICATION_FAILED', { message: '模拟人脸核验未通过（体验环境）' })
      }
    },
  }
}
