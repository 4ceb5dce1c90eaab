import { makeAutoObservable } from 'mobx'
import type { HealthCode, VerifyResponse } from '@/contract/health-code/schemas'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { healthCodeService } from './api'
import { LoadState } from '@/stores/load-state'
import { PERSONAL_STORAGE_KEYS } from '@/stores/personal-keys'
import type { RootStore } from '@/stores/root-store'
import { forgetAll } from '@/stores/forget'

const LAST_CODE_KEY = PERSONAL_STORAGE_KEYS.lastHealthCode
/** Refresh this long before expiry, so the code on screen is never the expiring one. */
export const REFRESH_BEFORE_EXPIRY_MS = 30_000

/**
 * The citizen's health code. The last code is kept on the device so it still shows (marked
 * 离线 with its issue time) when the network is gone at the gate.
 */
export class HealthCodeStore {
  readonly code = new LoadState<HealthCode>()
  readonly verification = new LoadState<VerifyResponse>()
  /** The page's clock, ticked once a second while the code is shown. */
  now = Date.now()

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'storage' | 'scanCode'>,
  ) {
    makeAutoObservable<HealthCodeStore, 'api' | 'platform'>(this, { api: false, platform: false, code: false, verification: false })
    const last = platform.storage.get<{ code: HealthCode; loadedAt: string }>(LAST_CODE_KEY)
    if (last?.code?.token) this.code.restore(last.code, new Date(last.loadedAt))
  }

  get expired(): boolean {
    const code = this.code.data
    return code !== undefined && this.now >= Date.parse(code.expiresAt)
  }

  get secondsLeft(): number {
    const code = this.code.data
    return code ? Math.max(0, Math.floor((Date.parse(code.expiresAt) - this.now) / 1000)) : 0
  }

  /** Milliseconds until the next automatic refresh (0 = now). */
  get msUntilRefresh(): number {
    const code = this.code.data
    return code ? Math.max(0, Date.parse(code.expiresAt) - REFRESH_BEFORE_EXPIRY_MS - this.now) : 0
  }

  tick(now: number = Date.now()): void {
    this.now = now
  }

  async load(): Promise<void> {
    await this.code.run(() => healthCodeService.get(this.api))
    this.tick()
    if (this.code.status === 'ready' && this.code.data && this.code.loadedAt) {
      this.platform.storage.set(LAST_CODE_KEY, { code: this.code.data, loadedAt: this.code.loadedAt.toISOString() })
    }
  }

  /** Verifier: scan a code with the camera and check it with the server. */
  async scanAndVerify(): Promise<void> {
    const token = await this.platform.scanCode()
    await this.verification.run(() => healthCodeService.verify(this.api, token))
  }

  clearVerification(): void {
    this.verification.reset()
  }

  forget(): void {
    // Removed first: a freshly built store restores the last code from the device.
    this.platform.storage.remove(LAST_CODE_KEY)
    forgetAll(this, new HealthCodeStore(this.api, this.platform))
  }
}

/** The HealthCodeStore, built on first use: only the health-code subpackage imports this module, so the store stays out of the main package. */
export function healthCodeStore(root: RootStore): HealthCodeStore {
  return root.feature('health-code', () => new HealthCodeStore(root.api, root.platform))
}
