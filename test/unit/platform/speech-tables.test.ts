/**
 * 朗读 and 语音搜索 per platform: the table entries (which API, what arguments, how answers
 * and failures read) and the adapters built from them, against fakes of WeChat's 同声传译
 * plugin (WechatSI), its audio player, and the browser's Web Speech API. Alipay has none.
 */
import { ApiError } from '@/platform/api-error'
import { createH5Speech } from '@/platform/h5-speech'
import { createMiniProgramPlatform } from '@/platform/mini-adapter'
import { speechChunks } from '@/platform/speech-chunks'
import { alipayTable } from '@/platform/tables/alipay'
import { webSpeechTable } from '@/platform/tables/web-speech'
import { weappTable } from '@/platform/tables/weapp'
import { WEAPP_PLUGINS } from '@/platform/tables/weapp-plugins'
import { argsOf, fails, succeeds } from './fake-global'

// Taro defines defineAppConfig at build time; here it is the identity (as test/e2e/accessibility does).
;(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (config: unknown) => config
/** The app config as Taro reads it while building for `target` (it sets TARO_ENV first). */
function appConfigFor(target: 'weapp' | 'alipay' | 'h5'): Record<string, unknown> {
  const saved = process.env.TARO_ENV
  process.env.TARO_ENV = target
  try {
    let config: Record<string, unknown> = {}
    jest.isolateModules(() => {
      config = require('@/app.config').default
    })
    return config
  } finally {
    if (saved === undefined) delete process.env.TARO_ENV
    else process.env.TARO_ENV = saved
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('tables', () => {
  test('WeChat: the WechatSI plugin, declared in the weapp app config only', () => {
    const speech = weappTable.speech!
    expect(speech.plugin).toBe('WechatSI')
    expect(WEAPP_PLUGINS).toEqual({ WechatSI: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/), provider: 'wx069ba97219f66d99' } })
    const weapp = appConfigFor('weapp')
    expect(weapp.plugins).toEqual(WEAPP_PLUGINS)
    for (const other of ['alipay', 'h5'] as const) {
      const config = appConfigFor(other)
      expect(config.plugins).toBeUndefined()
      // Same pages either way: only the plugins differ.
      expect({ ...weapp, plugins: undefined }).toEqual({ ...config, plugins: undefined })
    }
  })

  test('WeChat textToSpeech: Mandarin, tts on, the text as content; the answer is the audio file', () => {
    const { synthesise } = weappTable.speech!
    expect(synthesise.api).toBe('textToSpeech')
    expect(synthesise.args('健康码：绿码')).toEqual({ lang: 'zh_CN', tts: true, content: '健康码：绿码' })
    expect(synthesise.result({ retcode: 0, filename: 'https://tts.example/a.mp3', expired_time: 1 }, '')).toBe('https://tts.example/a.mp3')
    expect(() => synthesise.result({ retcode: -20001, origin: 'x' }, '')).toThrow(ApiError)
    expect(synthesise.failure?.({ errMsg: 'textToSpeech:fail timeout' }, '')).toBe('TIMEOUT')
    expect(synthesise.failure?.({ errMsg: 'textToSpeech:fail' }, '')).toBe('NETWORK_ERROR')
  })

  test('WeChat pace → InnerAudioContext.playbackRate within 0.5–2', () => {
    const { player } = weappTable.speech!
    expect(player.create).toBe('createInnerAudioContext')
    expect([0.75, 1, 1.3, 0.2, 3].map(player.rate)).toEqual([0.75, 1, 1.3, 0.5, 2])
  })

  test('WeChat recogniser: zh_CN with a time ceiling; nothing heard is an empty answer, not a fault', () => {
    const { recogniser } = weappTable.speech!
    expect(recogniser.manager).toBe('getRecordRecognitionManager')
    expect(recogniser.start()).toEqual({ duration: 30000, lang: 'zh_CN' })
    expect(recogniser.result({ result: '身份证', tempFilePath: 'x' })).toBe('身份证')
    expect(recogniser.failure({ retcode: -30003, msg: '' })).toEqual({ text: '' })
    expect(recogniser.failure({ retcode: -30004, msg: '' })).toEqual({ text: '' })
    expect(recogniser.failure({ retcode: -30008 })).toBe('NETWORK_ERROR')
    expect(recogniser.failure({ retcode: -30001, msg: 'startRecord:fail auth deny' })).toBe('PERMISSION_DENIED')
    expect(recogniser.failure({ retcode: -30005 })).toBe('INTERNAL')
  })

  test('Alipay: no speech capability at all', () => {
    expect(alipayTable.speech).toBeNull()
  })

  test('Web Speech: Mandarin utterances with the pace as rate; recognition by either constructor name', () => {
    expect(webSpeechTable.synthesis.settings(0.75)).toEqual({ lang: 'zh-CN', rate: 0.75 })
    expect(webSpeechTable.synthesis.settings(9)).toEqual({ lang: 'zh-CN', rate: 2 })
    expect(webSpeechTable.recognition.constructors).toEqual(['SpeechRecognition', 'webkitSpeechRecognition'])
    expect(webSpeechTable.recognition.settings).toEqual({ lang: 'zh-CN', interimResults: false, continuous: false, maxAlternatives: 1 })
    expect(webSpeechTable.recognition.result({ results: [[{ transcript: '社保', confidence: 0.9 }]] })).toBe('社保')
    expect(webSpeechTable.recognition.failure({ error: 'no-speech' })).toEqual({ text: '' })
    expect(webSpeechTable.recognition.failure({ error: 'not-allowed' })).toBe('PERMISSION_DENIED')
    expect(webSpeechTable.recognition.failure({ error: 'network' })).toBe('NETWORK_ERROR')
  })

  test('long texts are read in pieces cut at sentence ends', () => {
    const text = `${'一'.repeat(8)}。${'二'.repeat(8)}，${'三'.repeat(4)}`
    expect(speechChunks(text, 10)).toEqual([`${'一'.repeat(8)}。`, `${'二'.repeat(8)}，`, '三三三三'])
    expect(speechChunks('甲'.repeat(25), 10)).toEqual(['甲'.repeat(10), '甲'.repeat(10), '甲'.repeat(5)])
    expect(speechChunks('  ', 10)).toEqual([])
  })
})

/** A fake InnerAudioContext that "plays" until the test ends it. */
function fakePlayers() {
  const players: any[] = []
  const create = jest.fn(() => {
    const listeners: { ended?: () => void; error?: (e: unknown) => void } = {}
    const player = {
      src: '',
      playbackRate: 1,
      play: jest.fn(),
      stop: jest.fn(),
      destroy: jest.fn(),
      onEnded: (listener: () => void) => (listeners.ended = listener),
      onError: (listener: (e: unknown) => void) => (listeners.error = listener),
      end: () => listeners.ended?.(),
    }
    players.push(player)
    return player
  })
  return { players, create }
}

describe('WeChat adapter with the WechatSI plugin', () => {
  function setUp(plugin: Record<string, unknown> | undefined) {
    const { players, create } = fakePlayers()
    const requirePlugin = jest.fn((name: string) => (name === 'WechatSI' ? plugin : undefined))
    const platform = createMiniProgramPlatform('weapp', weappTable, { createInnerAudioContext: create }, 'https://api', requirePlugin)
    return { platform, players, requirePlugin }
  }

  test('reads each piece through textToSpeech and plays it at the pace, in order', async () => {
    const textToSpeech = jest.fn((args: any) => Promise.resolve().then(() => args.success({ retcode: 0, filename: `file:${args.content.length}` })))
    const { platform, players, requirePlugin } = setUp({ textToSpeech, getRecordRecognitionManager: jest.fn() })
    expect(platform.speech.canSpeak()).toBe(true)
    expect(requirePlugin).toHaveBeenCalledWith('WechatSI')
    const long = `${'甲'.repeat(299)}。${'乙'.repeat(10)}`
    const done = platform.speech.speak({ text: long, rate: 0.75 })
    await flush()
    expect(argsOf(textToSpeech)).toEqual({ lang: 'zh_CN', tts: true, content: `${'甲'.repeat(299)}。` })
    expect(players[0]).toMatchObject({ src: 'file:300', playbackRate: 0.75 })
    expect(players[0].play).toHaveBeenCalled()
    players[0].end()
    await flush()
    expect(argsOf(textToSpeech, 1)).toEqual({ lang: 'zh_CN', tts: true, content: '乙'.repeat(10) })
    players[1].end()
    await done
    expect(players[1].destroy).toHaveBeenCalled()
  })

  test('stopSpeaking stops the player at once and reads nothing more', async () => {
    const textToSpeech = succeeds({ retcode: 0, filename: 'f.mp3' })
    const { platform, players } = setUp({ textToSpeech })
    const done = platform.speech.speak({ text: `${'甲'.repeat(300)}乙`, rate: 1 })
    await flush()
    platform.speech.stopSpeaking()
    expect(players[0].stop).toHaveBeenCalled()
    players[0].end()
    await done
    expect(textToSpeech).toHaveBeenCalledTimes(1)
  })

  test('a failed synthesis rejects with our error code', async () => {
    const { platform } = setUp({ textToSpeech: fails({ errMsg: 'textToSpeech:fail' }) })
    await expect(platform.speech.speak({ text: '你好', rate: 1 })).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
  })

  test('recognition: start with zh_CN, the release stops it, onStop delivers the words', () => {
    const manager: any = { start: jest.fn(), stop: jest.fn() }
    const { platform } = setUp({ textToSpeech: jest.fn(), getRecordRecognitionManager: () => manager })
    expect(platform.speech.canListen()).toBe(true)
    const onResult = jest.fn()
    const onError = jest.fn()
    const listening = platform.speech.listen({ onResult, onError })
    expect(manager.start).toHaveBeenCalledWith({ duration: 30000, lang: 'zh_CN' })
    listening.finish()
    expect(manager.stop).toHaveBeenCalled()
    manager.onStop({ result: '护照 ', tempFilePath: 'x' })
    expect(onResult).toHaveBeenCalledWith('护照')
    manager.onError({ retcode: -30005 })
    expect(onError).not.toHaveBeenCalled()
  })

  test('recognition errors: nothing heard is an empty result; a refused microphone is PERMISSION_DENIED', () => {
    const manager: any = { start: jest.fn(), stop: jest.fn() }
    const { platform } = setUp({ getRecordRecognitionManager: () => manager })
    const first = { onResult: jest.fn(), onError: jest.fn() }
    platform.speech.listen(first)
    manager.onError({ retcode: -30003, msg: '' })
    expect(first.onResult).toHaveBeenCalledWith('')
    const second = { onResult: jest.fn(), onError: jest.fn() }
    platform.speech.listen(second)
    manager.onError({ retcode: -30001, msg: 'auth deny' })
    expect(second.onError.mock.calls[0][0]).toMatchObject({ code: 'PERMISSION_DENIED' })
  })

  test('no plugin (not declared or not loaded): nothing offered', () => {
    const { platform } = setUp(undefined)
    expect(platform.speech.canSpeak()).toBe(false)
    expect(platform.speech.canListen()).toBe(false)
  })
})

test('Alipay adapter offers no speech and asks the host for nothing', async () => {
  const my = { createInnerAudioContext: jest.fn() }
  const loadPlugin = jest.fn()
  const platform = createMiniProgramPlatform('alipay', alipayTable, my, 'https://api', loadPlugin)
  expect(platform.speech.canSpeak()).toBe(false)
  expect(platform.speech.canListen()).toBe(false)
  await expect(platform.speech.speak({ text: '你好', rate: 1 })).rejects.toMatchObject({ code: 'UNSUPPORTED_ON_PLATFORM' })
  expect(loadPlugin).not.toHaveBeenCalled()
  expect(my.createInnerAudioContext).not.toHaveBeenCalled()
})

describe('H5 over the Web Speech API', () => {
  function fakeWindow(withRecognition: boolean) {
    const spoken: any[] = []
    const speechSynthesis = {
      speak: jest.fn((utterance: any) => {
        spoken.push(utterance)
        Promise.resolve().then(() => utterance.onend?.())
      }),
      cancel: jest.fn(),
      getVoices: () => [{ lang: 'en-US', name: 'en' }, { lang: 'zh-CN', name: 'zh' }],
    }
    class SpeechSynthesisUtterance {
      lang = ''
      rate = 1
      voice: unknown
      onend?: () => void
      onerror?: (event: unknown) => void
      constructor(readonly text: string) {}
    }
    const recognisers: any[] = []
    class FakeRecognition {
      start = jest.fn()
      stop = jest.fn(() => this.onend?.())
      abort = jest.fn()
      onresult?: (event: unknown) => void
      onerror?: (event: unknown) => void
      onend?: () => void
      constructor() {
        recognisers.push(this)
      }
    }
    const win: any = { speechSynthesis, SpeechSynthesisUtterance }
    if (withRecognition) win.webkitSpeechRecognition = FakeRecognition
    return { win, spoken, speechSynthesis, recognisers }
  }

  test('speaks Mandarin utterances at the pace with a Chinese voice; stop cancels', async () => {
    const { win, spoken, speechSynthesis } = fakeWindow(false)
    const speech = createH5Speech(() => win)
    expect(speech.canSpeak()).toBe(true)
    expect(speech.canListen()).toBe(false)
    await speech.speak({ text: '绿码。张某。', rate: 1.3 })
    expect(spoken).toHaveLength(1)
    expect(spoken[0]).toMatchObject({ text: '绿码。张某。', lang: 'zh-CN', rate: 1.3, voice: { lang: 'zh-CN' } })
    speech.stopSpeaking()
    expect(speechSynthesis.cancel).toHaveBeenCalled()
  })

  test('recognition where the browser has it: settings applied, the transcript delivered on end', () => {
    const { win, recognisers } = fakeWindow(true)
    const speech = createH5Speech(() => win)
    expect(speech.canListen()).toBe(true)
    const onResult = jest.fn()
    const listening = speech.listen({ onResult, onError: jest.fn() })
    expect(recognisers[0]).toMatchObject({ lang: 'zh-CN', interimResults: false, continuous: false, maxAlternatives: 1 })
    recognisers[0].onresult({ results: [[{ transcript: '公积金' }]] })
    listening.finish()
    expect(onResult).toHaveBeenCalledWith('公积金')
  })

  test('a browser without speech offers neither', () => {
    const speech = createH5Speech(() => ({}) as Window)
    expect(speech.canSpeak()).toBe(false)
    expect(speech.canListen()).toBe(false)
  })
})
