/**
 * Read-aloud and voice search in the H5 preview over the Web Speech API (tables/web-speech.ts).
 * Both are looked up at call time: a browser without them offers no control.
 */
import { ApiError } from './api-error'
import { speechChunks } from './speech-chunks'
import { webSpeechTable } from './tables/web-speech'
import type { Listening, ListenHandlers, SpeakRequest, Speech } from './types'

type AnyWindow = Window & Record<string, any>

export function createH5Speech(win: () => Window): Speech {
  const table = webSpeechTable
  const engine = () => (win() as AnyWindow)[table.synthesis.engine] as SpeechSynthesis | undefined
  const Utterance = () => (win() as AnyWindow)[table.synthesis.utterance] as (new (text: string) => SpeechSynthesisUtterance) | undefined
  const Recognition = () => {
    const w = win() as AnyWindow
    for (const name of table.recognition.constructors) if (typeof w[name] === 'function') return w[name] as new () => any
    return undefined
  }
  let reading = 0

  function sayOne(text: string, rate: number, mine: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const synth = engine()
      const Make = Utterance()
      if (!synth || !Make) return reject(new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 }))
      if (mine !== reading) return resolve()
      const utterance = new Make(text)
      Object.assign(utterance, table.synthesis.settings(rate))
      const voice = synth.getVoices?.().find((candidate) => table.synthesis.voiceLang.test(candidate.lang))
      if (voice) utterance.voice = voice
      utterance.onend = () => resolve()
      // 'interrupted' / 'canceled': we stopped it ourselves.
      utterance.onerror = (event) => (['interrupted', 'canceled'].includes(event.error) ? resolve() : reject(new ApiError('INTERNAL', { status: 0 })))
      synth.speak(utterance)
    })
  }

  return {
    canSpeak: () => Boolean(engine() && Utterance()),
    canListen: () => Boolean(Recognition()),
    async speak({ text, rate }: SpeakRequest) {
      engine()?.cancel()
      reading += 1
      const mine = reading
      for (const piece of speechChunks(text, table.synthesis.maxChars)) {
        if (mine !== reading) return
        await sayOne(piece, rate, mine)
      }
    },
    stopSpeaking() {
      reading += 1
      engine()?.cancel()
    },
    listen(handlers: ListenHandlers): Listening {
      const Make = Recognition()
      if (!Make) {
        handlers.onError(new ApiError('UNSUPPORTED_ON_PLATFORM', { status: 0 }))
        return { finish: () => undefined, cancel: () => undefined }
      }
      const recognition = new Make()
      Object.assign(recognition, table.recognition.settings)
      let live = true
      let heard = ''
      recognition.onresult = (event: unknown) => {
        heard = table.recognition.result(event)
      }
      recognition.onerror = (event: unknown) => {
        if (!live) return
        live = false
        const outcome = table.recognition.failure(event)
        if (typeof outcome === 'object') handlers.onResult(outcome.text)
        else handlers.onError(new ApiError(outcome, { status: 0 }))
      }
      // end follows the last result (or a stop with nothing heard).
      recognition.onend = () => {
        if (!live) return
        live = false
        handlers.onResult(heard.trim())
      }
      recognition.start()
      return {
        finish: () => {
          if (live) recognition.stop()
        },
        cancel: () => {
          if (!live) return
          live = false
          recognition.abort()
        },
      }
    },
  }
}
