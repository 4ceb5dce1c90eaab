import { makeAutoObservable } from 'mobx'
import type { CertificateVerifyResponse } from '@/contract/certificates/schemas'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { certificatesService } from '../api'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'

/** A verifier's scan of a presentation code and what the server says it discloses. */
export class VerifierStore {
  /** The verifier's last scan. */
  readonly verification = new LoadState<CertificateVerifyResponse>()

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'scanCode'>,
  ) {
    makeAutoObservable<VerifierStore, 'api' | 'platform'>(this, { api: false, platform: false, verification: false })
  }

  async scanAndVerify(): Promise<void> {
    await this.verification.run(async () => {
      const code = await this.platform.scanCode()
      return certificatesService.verify(this.api, code)
    })
    // Closing the camera is not an error.
    if (this.verification.error?.code === 'CANCELLED') this.verification.reset()
  }

  clearVerification(): void {
    this.verification.reset()
  }

  forget(): void {
    forgetAll(this, new VerifierStore(this.api, this.platform))
  }
}
