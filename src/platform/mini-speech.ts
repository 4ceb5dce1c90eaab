/**
 * Read-aloud and voice search on a mini-program whose table has a speech plugin (WeChat's
 * 同声传译): synthesise each piece of text through the plugin, play it with the host's audio
 * player at the chosen pace, one piece after the other; recognise through the plugin's
 * manager. A table without speech (Alipay) gives a Speech that offers nothing.
 */
import { ApiError } from './api-error'
import { speechChunks } from './speech-chunks'
import type { AsyncApi, PluginSpeechTable } from './tables/types'
import type { Listening, ListenHandlers, SpeakRequest, Speech } from './types'

type NativeObject = Record<string, any>
/** The table-driven callback call of mini-adapter.ts, on a given target (the plugin). */
export type CallOn = <Input, Output>(target: NativeObject, entry: AsyncApi<Input, Output>, input: Input) => Promise<Output>

const NO_SPEECH: Speech = {
  canSpeak: () => false,
  speak: () => Promise.reject(new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 })),
  stopSpeaking: () => undefined,
  canListen: () => false,
  listen: (handlers: ListenHandlers) => {
    handlers.onError(new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 }))
    return { finish: () => undefined, cancel: () => undefined }
  },
}

interface Player {
  src: string
  playbackRate: number
  play(): void
  stop(): void
  destroy(): void
  onEnded(listener: () => void): void
  onError(listener: (err: unknown) => void): void
}

export function createMiniSpeech(
  table: PluginSpeechTable | null,
  global: NativeObject,
  loadPlugin: (name: string) => NativeObject | undefined,
  callOn: CallOn,
): Speech {
  if (!table) return NO_SPEECH
  const speech = table
  let plugin: NativeObject | undefined
  const pluginOrUndefined = () => (plugin ??= loadPlugin(speech.plugin))
  /** Each reading has a number; stopping moves it on, so a stale piece never plays. */
  let reading = 0
  let player: Player | undefined

  const stopPlayer = () => {
    if (!player) return
    const current = player
    player = undefined
    try {
      current.stop()
      current.destroy()
    } catch {
      // A player already gone has nothing to stop.
    }
  }

  function playOne(url: string, rate: number, mine: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (mine !== reading) return resolve()
      const created = global[speech.player.create]?.() as Player | undefined
      if (!created) return reject(new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 }))
      player = created
      created.onEnded(() => resolve())
      created.onError(() => reject(new ApiError('INTERNAL', { status: 0 })))
      created.playbackRate = speech.player.rate(rate)
      created.src = url
      created.play()
    })
  }

  return {
    canSpeak: () => typeof pluginOrUndefined()?.[speech.synthesise.api] === 'function',
    canListen: () => typeof pluginOrUndefined()?.[speech.recogniser.manager] === 'function',
    async speak({ text, rate }: SpeakRequest) {
      stopPlayer()
      reading += 1
      const mine = reading
      const target = pluginOrUndefined()
      if (!target) throw new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 })
      try {
        for (const piece of speechChunks(text, speech.maxChars)) {
          if (mine !== reading) return
          const url = await callOn(target, speech.synthesise, piece)
          await playOne(url, rate, mine)
          if (mine === reading) stopPlayer()
        }
      } finally {
        if (mine === reading) stopPlayer()
      }
    },
    stopSpeaking() {
      reading += 1
      stopPlayer()
    },
    listen(handlers: ListenHandlers): Listening {
      const manager = pluginOrUndefined()?.[speech.recogniser.manager]?.() as NativeObject | undefined
      if (!manager) {
        handlers.onError(new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 }))
        return { finish: () => undefined, cancel: () => undefined }
      }
      let live = true
      // The plugin's manager takes its handlers as assigned properties (manager.onStop = …).
      manager.onStop = (res: unknown) => {
        if (!live) return
        live = false
        handlers.onResult(speech.recogniser.result(res).trim())
      }
      manager.onError = (err: unknown) => {
        if (!live) return
        live = false
        const outcome = speech.recogniser.failure(err)
        if (typeof outcome === 'object') handlers.onResult(outcome.text)
        else handlers.onError(new ApiError(outcome, { status: 0 }))
      }
      manager.start(speech.recogniser.start())
      return {
        finish: () => {
          if (live) manager.stop()
        },
        cancel: () => {
          if (!live) return
          live = false
          manager.stop()
        },
      }
    },
  }
}
