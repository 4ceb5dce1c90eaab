import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import type { Listening } from '@/platform/types'
import { useStores } from '@/stores/context'
import { voiceStore } from '@/stores/voice-store'

type Status = { kind: 'idle' } | { kind: 'listening' } | { kind: 'nothing' } | { kind: 'failed'; message: string }

/** Recognisers end a sentence with a full stop; a search query has none. */
const TRAILING_MARKS = /[。.！!？?，,\s]+$/

/**
 * 语音搜索: hold to talk, let go to search (a mouse or keyboard: one tap starts, another ends).
 * What was heard goes into the box as if typed, so suggestions, results and 没找到 follow as
 * usual. Absent where the platform cannot recognise speech (Alipay; most browsers).
 */
export const VoiceSearch = observer(function VoiceSearch({ onHeard }: { onHeard: (text: string) => void }) {
  const stores = useStores()
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const session = useRef<Listening | undefined>(undefined)
  /** A touch already started (and its release ends) this recording: ignore the click that follows. */
  const byTouch = useRef(false)
  useEffect(() => () => session.current?.cancel(), [])
  if (!stores.platform.speech.canListen()) return null

  const start = () => {
    if (session.current) return
    voiceStore(stores).stop()
    setStatus({ kind: 'listening' })
    session.current = stores.platform.speech.listen({
      onResult: (text) => {
        session.current = undefined
        const query = text.replace(TRAILING_MARKS, '')
        setStatus(query ? { kind: 'idle' } : { kind: 'nothing' })
        if (query) onHeard(query)
      },
      onError: (error) => {
        session.current = undefined
        setStatus({ kind: 'failed', message: error.message })
      },
    })
  }
  const finish = () => session.current?.finish()
  const listening = status.kind === 'listening'
  return (
    <View className='gm-voice-search'>
      <Button
        className={listening ? 'gm-button' : 'gm-button gm-button--secondary'}
        ariaLabel={listening ? '正在听，说完后松开或再点一下' : '语音搜索，按住说话'}
        onTouchStart={() => {
          byTouch.current = true
          start()
        }}
        onTouchEnd={finish}
        onTouchCancel={finish}
        onClick={() => {
          if (byTouch.current) {
            byTouch.current = false
            return
          }
          if (listening) finish()
          else start()
        }}
      >
        {listening ? '松开 结束' : '按住 说话'}
      </Button>
      {listening && (
        <View className='gm-hint' ariaRole='status'>
          <Text>正在听，请说出要办的事，说完松开。</Text>
        </View>
      )}
      {status.kind === 'nothing' && (
        <View className='gm-error' ariaRole='alert'>
          <Text>没有听清，请按住按钮再说一遍，或直接输入。</Text>
        </View>
      )}
      {status.kind === 'failed' && (
        <View className='gm-error' ariaRole='alert'>
          <Text>{`语音搜索没有成功：${status.message}`}</Text>
        </View>
      )}
    </View>
  )
})
