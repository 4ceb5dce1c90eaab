import { makeAutoObservable } from 'mobx'
import type { NetworkStatus, Platform } from '../platform/types'
import { tokensFor, tokenStyle, type ThemeTokens } from '../theme/tokens'

const ELDERLY_KEY = 'ui.elderlyMode'

/** UI-wide state every page honours: elderly mode, network state, system font scale. */
export class UiStore {
  elderlyMode = false
  network: NetworkStatus = { isConnected: true, networkType: 'unknown' }
  fontScale = 1
  private stopWatchingNetwork: (() => void) | undefined

  constructor(private readonly platform: Pick<Platform, 'storage' | 'getNetworkStatus' | 'onNetworkStatusChange' | 'getSystemFontScale'>) {
    makeAutoObservable<UiStore, 'platform' | 'stopWatchingNetwork'>(this, { platform: false, stopWatchingNetwork: false })
    this.elderlyMode = platform.storage.get<boolean>(ELDERLY_KEY) === true
    this.fontScale = platform.getSystemFontScale()
  }

  get tokens(): ThemeTokens {
    return tokensFor(this.elderlyMode)
  }

  /** CSS custom properties for a page root. */
  get themeStyle(): string {
    return tokenStyle(this.tokens)
  }

  get themeClass(): string {
    return this.elderlyMode ? 'gm-page gm-elderly' : 'gm-page'
  }

  get offline(): boolean {
    return !this.network.isConnected
  }

  setElderlyMode(on: boolean): void {
    this.elderlyMode = on
    this.platform.storage.set(ELDERLY_KEY, on)
  }

  setNetwork(status: NetworkStatus): void {
    this.network = status
  }

  /** Starts following the platform's network status; idempotent. */
  watchNetwork(): void {
    if (this.stopWatchingNetwork) return
    this.stopWatchingNetwork = this.platform.onNetworkStatusChange((status) => this.setNetwork(status))
    this.platform.getNetworkStatus().then(
      (status) => this.setNetwork(status),
      () => undefined, // unknown network state: keep assuming online; requests will tell.
    )
  }

  dispose(): void {
    this.stopWatchingNetwork?.()
    this.stopWatchingNetwork = undefined
  }
}
