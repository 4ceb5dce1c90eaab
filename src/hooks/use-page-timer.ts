import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Calls `tick` once a second (or every `everyMs`) while the page is shown: started on show,
 * stopped on hide and unload, so a page in the background costs nothing. The live clocks and
 * countdowns (health code, 亮证) run on it.
 */
export function usePageTimer(tick: () => void, everyMs = 1000): void {
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  // The latest render's tick runs, not the first one's.
  const latest = useRef(tick)
  latest.current = tick

  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = undefined
  }
  useDidShow(() => {
    stop()
    timer.current = setInterval(() => latest.current(), everyMs)
  })
  useDidHide(stop)
  useUnload(stop)
}
