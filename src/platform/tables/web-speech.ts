/**
 * The Web Speech API as the H5 preview uses it (W3C Web Speech API; MDN SpeechSynthesis,
 * SpeechSynthesisUtterance, SpeechRecognition): synthesis is in every current browser,
 * recognition only in some (Chromium-based ones as webkitSpeechRecognition, which sends the
 * audio to the browser maker's service), so each is offered only where present.
 */
import type { ErrorCode } from '@/contract/errors'
import type { NativeFailure, NativeResult, RecognitionOutcome } from './types'

/** SpeechRecognitionErrorEvent.error values that are answers or the citizen's refusal. */
const RECOGNITION_ERRORS: Record<string, RecognitionOutcome> = {
  'no-speech': { text: '' },
  aborted: { text: '' },
  'not-allowed': 'PERMISSION_DENIED',
  'service-not-allowed': 'PERMISSION_DENIED',
  'audio-capture': 'PERMISSION_DENIED',
  network: 'NETWORK_ERROR',
}

export const webSpeechTable = {
  synthesis: {
    /** window.speechSynthesis and the utterance constructor. */
    engine: 'speechSynthesis',
    utterance: 'SpeechSynthesisUtterance',
    /** Utterance properties: Mandarin, the pace as `rate` (0.1 to 10, 1 = normal). */
    settings: (rate: number) => ({ lang: 'zh-CN', rate: Math.min(2, Math.max(0.5, rate)) }),
    /** Chromium stops long utterances after about 15 s: read in short pieces. */
    maxChars: 120,
    /** A Mandarin voice if the browser has one (else the default voice with lang zh-CN). */
    voiceLang: /^zh[-_](CN|Hans)/i,
  },
  recognition: {
    /** Standard name first, then Chromium's prefixed one. */
    constructors: ['SpeechRecognition', 'webkitSpeechRecognition'] as const,
    settings: { lang: 'zh-CN', interimResults: false, continuous: false, maxAlternatives: 1 },
    /** SpeechRecognitionEvent → the best transcript of the first result. */
    result: (event: NativeResult): string => String(event?.results?.[0]?.[0]?.transcript ?? ''),
    failure: (event: NativeFailure): RecognitionOutcome => RECOGNITION_ERRORS[String(event?.error ?? '')] ?? ('INTERNAL' satisfies ErrorCode),
  },
}
