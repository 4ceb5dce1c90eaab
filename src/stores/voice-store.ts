import { makeAutoObservable } from 'mobx'
import type { Platform } from '@/platform/types'
import { speakableText } from '@/utils/speech-text'
import type { RootStore } from './root-store'

export type ReadPace = 'slow' | 'normal' | 'fast'
/** 语速: the platform's rate for each choice (1 = its normal speed). */
export const READ_PACES: { value: ReadPace; label: string; rate: number }[] = [
  { value: 'slow', label: '慢', rate: 0.75 },
  { value: 'normal', label: '正常', rate: 1 },
  { value: 'fast', label: '快', rate: 1.3 },
]
const PACE_KEY = 'ui.readPace'

/**
 * 朗读: one reading at a time across the app. Each control has a key, so the one reading
 * says 停止朗读 and the others 朗读. Every text passes through speakableText first (masked
 * forms only). Leaving a page stops the reading (Screen).
 */
export class VoiceStore {
  pace: ReadPace = 'normal'
  /** The control now reading, if any. */
  speakingKey: string | undefined = undefined
  /** The last failure, in words, for the control that failed. */
  failure: { key: string; message: string } | undefined = undefined
  private lastText = ''
  /** Numbers each reading, so the end of an earlier one (stopped, restarted) changes nothing. */
  private reading = 0

  constructor(private readonly platform: Pick<Platform, 'speech' | 'storage'>) {
    makeAutoObservable<VoiceStore, 'platform' | 'lastText' | 'reading'>(this, { platform: false, lastText: false, reading: false })
    const saved = platform.storage.get<ReadPace>(PACE_KEY)
    if (READ_PACES.some((pace) => pace.value === saved)) this.pace = saved as ReadPace
  }

  /** Whether read-aloud exists here (else no control is shown). */
  get canSpeak(): boolean {
    return this.platform.speech.canSpeak()
  }

  get rate(): number {
    return READ_PACES.find((pace) => pace.value === this.pace)?.rate ?? 1
  }

  /** A tap on a control: read its text, or stop if it is the one reading. */
  toggle(key: string, text: string): void {
    if (this.speakingKey === key) this.stop()
    else this.speak(key, text)
  }

  speak(key: string, text: string): void {
    const speakable = speakableText(text)
    if (!speakable) return
    this.speakingKey = key
    this.failure = undefined
    this.lastText = speakable
    this.reading += 1
    const reading = this.reading
    this.platform.speech.speak({ text: speakable, rate: this.rate }).then(
      () => this.finished(reading),
      (error: { message?: string }) => this.failed(reading, key, error?.message ?? '请稍后再试'),
    )
  }

  /** A new pace applies at once: a reading in progress starts again at that pace. */
  setPace(pace: ReadPace): void {
    this.pace = pace
    this.platform.storage.set(PACE_KEY, pace)
    const key = this.speakingKey
    if (key) this.speak(key, this.lastText)
  }

  stop(): void {
    this.reading += 1
    this.speakingKey = undefined
    this.platform.speech.stopSpeaking()
  }

  /** Page leave: stop whatever is being read (nothing to do when nothing is). */
  leavePage(): void {
    if (this.speakingKey) this.stop()
  }

  private finished(reading: number): void {
    if (this.reading === reading) this.speakingKey = undefined
  }

  private failed(reading: number, key: string, message: string): void {
    if (this.reading !== reading) return
    this.speakingKey = undefined
    this.failure = { key, message: `朗读失败：${message}` }
  }
}

/** The one VoiceStore, built on first use (a page with no 朗读 control never builds it). */
export const voiceStore = (root: RootStore): VoiceStore => root.feature('voice', (built) => new VoiceStore(built.platform))
