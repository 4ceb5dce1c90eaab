import { makeAutoObservable } from 'mobx'
import type { NetworkStatus, Platform } from '@/platform/types'
import { scaleTokens, tokensFor, tokenStyle, type ThemeTokens } from '@/theme/tokens'

const ELDERLY_KEY = 'ui.elderlyMode'
const ELDERLY_OFFERED_KEY = 'ui.elderlyModeOffered'
/** A system font this much larger than default suggests the citizen may want elderly mode. */
export const LARGE_FONT_SCALE = 1.15

/** UI-wide state every page honours: elderly mode, network state, system font scale. */
export class UiStore {
  elderlyMode = false
  /** Whether the elderly-mode offer was answered on this device. */
  elderlyOffered = false
  network: NetworkStatus = { isConnected: true, networkType: 'unknown' }
  fontScale = 1
  private stopWatchingNetwork: (() => void) | undefined

  constructor(private readonly platform: Pick<Platform, 'storage' | 'getNetworkStatus' | 'onNetworkStatusChange' | 'getSystemFontScale'>) {
    makeAutoObservable<UiStore, 'platform' | 'stopWatchingNetwork'>(this, { platform: false, stopWatchingNetwork: false })
    this.elderlyMode = platform.storage.get<boolean>(ELDERLY_KEY) === true
    this.elderlyOffered = platform.storage.get<boolean>(ELDERLY_OFFERED_KEY) === true
    this.fontScale = platform.getSystemFontScale()
  }

  get tokens(): ThemeTokens {
    return scaleTokens(tokensFor(this.elderlyMode), this.fontScale)
  }

  /** Offer elderly mode once, inline (never a pop-up), to citizens whose system font is large. */
  get shouldOfferElderlyMode(): boolean {
    return !this.elderlyMode && !this.elderlyOffered && this.fontScale >= LARGE_FONT_SCALE
  }

  answerElderlyOffer(accept: boolean): void {
    this.elderlyOffered = true
    this.platform.storage.set(ELDERLY_OFFERED_KEY, true)
    if (accept) this.setElderlyMode(true)
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
