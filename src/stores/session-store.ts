import { makeAutoObservable, runInAction } from 'mobx'
import type { Profile, SandboxCitizenList } from '@/contract/identity/schemas'
import { ApiError } from '@/platform/api-error'
import { SANDBOX_CODE_STORAGE_KEY } from '@/platform/public'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { identityService } from '@/api/identity'
import { LoadState } from './load-state'

const TOKEN_KEY = 'session.token'

/**
 * The citizen's session and profile. The token is opaque and kept in platform storage so a
 * cold start does not force a new login; the profile (masked by the server) is refetched.
 * The ID number a citizen types lives only in the page that asked for it, never here.
 */
export class SessionStore {
  token: string | undefined
  readonly profile = new LoadState<Profile>()
  readonly sandboxCitizens = new LoadState<SandboxCitizenList['items']>((items) => items.length === 0)
  /** The last login attempt's error, for the login page. */
  loginError: ApiError | undefined = undefined
  loggingIn = false
  private renewal: Promise<boolean> | undefined
  private api!: ApiClient

  constructor(private readonly platform: Pick<Platform, 'storage' | 'login' | 'loginMethod' | 'startFaceVerification'>) {
    makeAutoObservable<SessionStore, 'platform' | 'renewal' | 'api'>(this, { platform: false, renewal: false, api: false, profile: false, sandboxCitizens: false })
    this.token = platform.storage.get<string>(TOKEN_KEY)
  }

  /** Wired by the RootStore: the API client itself needs this store to renew sessions. */
  attach(api: ApiClient): void {
    this.api = api
  }

  get loggedIn(): boolean {
    return this.token !== undefined
  }

  get level(): number {
    return this.profile.data?.level ?? 0
  }

  setToken(token: string | undefined): void {
    this.token = token
    if (token === undefined) this.platform.storage.remove(TOKEN_KEY)
    else this.platform.storage.set(TOKEN_KEY, token)
  }

  /** Logs in with the platform's credential (wx.login / my.getAuthCode / the chosen sandbox citizen). */
  async login(): Promise<boolean> {
    this.loggingIn = true
    this.loginError = undefined
    try {
      const credential = await this.platform.login()
      const session = await identityService.login(this.api, credential)
      runInAction(() => this.setToken(session.token))
      await this.profile.run(async () => session.profile)
      return true
    } catch (error) {
      runInAction(() => {
        this.loginError = error instanceof ApiError ? error : new ApiError('INTERNAL')
      })
      return false
    } finally {
      runInAction(() => {
        this.loggingIn = false
      })
    }
  }

  /**
   * Silent re-login after the server dropped the session; concurrent callers share one
   * attempt. On the sandbox it works only while a demo citizen is chosen.
   */
  renew(): Promise<boolean> {
    if (!this.renewal) {
      this.setToken(undefined)
      this.renewal = this.login().finally(() => {
        this.renewal = undefined
      })
    }
    return this.renewal
  }

  chooseSandboxCitizen(code: string): Promise<boolean> {
    this.platform.storage.set(SANDBOX_CODE_STORAGE_KEY, code)
    return this.login()
  }

  loadSandboxCitizens(): Promise<void> {
    return this.sandboxCitizens.run(async () => (await identityService.sandboxCitizens(this.api)).items)
  }

  loadProfile(): Promise<void> {
    return this.profile.run(() => identityService.me(this.api))
  }

  async logout(): Promise<void> {
    try {
      if (this.token) await identityService.logout(this.api)
    } catch {
      // The session is dropped locally whatever the server says; it expires there anyway.
    }
    runInAction(() => {
      this.setToken(undefined)
      this.platform.storage.remove(SANDBOX_CODE_STORAGE_KEY)
      this.profile.reset()
    })
  }

  async submitRealName(name: string, idNumber: string): Promise<void> {
    const profile = await identityService.submitRealName(this.api, { name, idNumber })
    await this.profile.run(async () => profile)
  }

  /** Face verification: the server prepares it, the platform runs it, the server confirms it. */
  async verifyFace(name: string, idNumber: string): Promise<void> {
    const started = await identityService.startFace(this.api)
    const evidence = await this.platform.startFaceVerification({ name, idNumber, certifyId: started.certifyId, url: started.url })
    const profile = await identityService.confirmFace(this.api, started.verificationId, evidence.verifyResult)
    await this.profile.run(async () => profile)
  }
}
