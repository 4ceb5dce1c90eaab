import { makeAutoObservable } from 'mobx'
import type { Platform } from '../platform/types'

const TOKEN_KEY = 'session.token'

/**
 * The citizen's session. The token is opaque; it is kept in platform storage so a cold
 * start does not force a new login. Login flows themselves arrive with the identity work.
 */
export class SessionStore {
  token: string | undefined

  constructor(private readonly platform: Pick<Platform, 'storage'>) {
    makeAutoObservable<SessionStore, 'platform'>(this, { platform: false })
    this.token = platform.storage.get<string>(TOKEN_KEY)
  }

  get loggedIn(): boolean {
    return this.token !== undefined
  }

  setToken(token: string | undefined): void {
    this.token = token
    if (token === undefined) this.platform.storage.remove(TOKEN_KEY)
    else this.platform.storage.set(TOKEN_KEY, token)
  }
}
