/**
 * 朗读 never reads a full personal number: masked numbers are said by their last digits, masked
 * names as 张某, and a full number that reached the screen is masked before it is spoken. The
 * voice store reads one thing at a time, at the chosen (remembered) pace.
 */
import { pageText } from '@/components/page-text'
import { VoiceStore } from '@/stores/voice-store'
import { speakableText } from '@/utils/speech-text'
import { fakePlatform } from './fake-platform'

const ID_NUMBER = '330102199001011234'
const PHONE = '13812345678'

describe('speakableText', () => {
  test('masked forms are said in words, never the stars', () => {
    expect(speakableText('姓名：张*三，证件号 3301**********1234，手机 138****5678')).toBe('姓名：张某三，证件号 尾号1234，手机 尾号5678')
    expect(speakableText('王*')).toBe('王某')
  })

  test('a full ID, phone or card number is never spoken', () => {
    const spoken = speakableText(`身份证号 ${ID_NUMBER}，手机 ${PHONE}，卡号 6222021234567890123，末位X的 33010219900101123X`)
    expect(spoken).not.toMatch(/\d{5,}/)
    expect(spoken).toContain('尾号1234')
    expect(spoken).toContain('尾号5678')
    expect(spoken).toContain('尾号123X')
  })

  test('dates, counts, time limits and a counter phone with its area code are read as shown', () => {
    expect(speakableText('2026年12月6日，20个工作日，收费 0 元，咨询电话 0571-87654321')).toBe('2026年12月6日，20个工作日，收费 0 元，咨询电话 0571-87654321')
  })
})

test('pageText walks text nodes in order and leaves out buttons and the read-aloud controls', () => {
  const text = (value: string) => ({ nodeType: 3, nodeValue: value })
  const element = (nodeName: string, className: string, ...childNodes: object[]) => ({ nodeType: 1, nodeName, className, childNodes })
  const root = element('view', 'gm-page', element('view', 'gm-read-aloud', element('button', '', text('朗读'))), element('text', '', text('健康码')), element('text', '', text('绿码。')), element('button', 'gm-button', text('刷新')))
  expect(pageText(root)).toBe('健康码。绿码。')
})

describe('VoiceStore', () => {
  function setUp(storage: Record<string, unknown> = {}) {
    const { platform } = fakePlatform(async () => ({}), storage)
    let finish: (() => void) | undefined
    const speak = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const stopSpeaking = jest.fn()
    platform.speech = { ...platform.speech, canSpeak: () => true, speak, stopSpeaking }
    return { store: new VoiceStore(platform), speak, stopSpeaking, platform, finish: () => finish?.() }
  }

  test('reads the masked text at the pace; a second tap stops; the end clears the state', async () => {
    const { store, speak, stopSpeaking, finish } = setUp()
    store.toggle('health-code', `姓名：张*，身份证 ${ID_NUMBER}`)
    expect(store.speakingKey).toBe('health-code')
    expect(speak).toHaveBeenCalledWith({ text: '姓名：张某，身份证 尾号1234', rate: 1 })
    store.toggle('health-code', 'ignored')
    expect(stopSpeaking).toHaveBeenCalled()
    expect(store.speakingKey).toBeUndefined()
    store.toggle('notice', '公告')
    finish()
    await Promise.resolve()
    await Promise.resolve()
    expect(store.speakingKey).toBeUndefined()
  })

  test('a pace change is remembered and restarts the reading at that pace; page leave stops it', () => {
    const { store, speak, stopSpeaking, platform } = setUp({ 'ui.readPace': 'slow' })
    expect(store.pace).toBe('slow')
    store.speak('guide', '办理条件。1，本人')
    expect(speak).toHaveBeenLastCalledWith({ text: '办理条件。1，本人', rate: 0.75 })
    store.setPace('fast')
    expect(platform.storage.get('ui.readPace')).toBe('fast')
    expect(speak).toHaveBeenLastCalledWith({ text: '办理条件。1，本人', rate: 1.3 })
    expect(store.speakingKey).toBe('guide')
    store.leavePage()
    expect(stopSpeaking).toHaveBeenCalledTimes(1)
    expect(store.speakingKey).toBeUndefined()
    store.leavePage()
    expect(stopSpeaking).toHaveBeenCalledTimes(1)
  })

  test('a failure is said for the control that failed', async () => {
    const { store, platform } = setUp()
    platform.speech.speak = () => Promise.reject(new Error('网络连接失败，请检查网络后重试'))
    store.speak('notice', '公告')
    await Promise.resolve()
    await Promise.resolve()
    expect(store.failure).toEqual({ key: 'notice', message: '朗读失败：网络连接失败，请检查网络后重试' })
    expect(store.speakingKey).toBeUndefined()
  })
})
