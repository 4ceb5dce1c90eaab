import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useRef } from 'react'
import type { Platform } from '../../platform/types'

/**
 * Screen at full brightness and kept on while a code is shown, so a gate scanner reads it;
 * the citizen's own brightness comes back when they leave the page.
 */
export function useBrightScreen(platform: Pick<Platform, 'getScreenBrightness' | 'setScreenBrightness' | 'setKeepScreenOn'>) {
  const saved = useRef<number | undefined>(undefined)
  useDidShow(() => {
    void (async () => {
      try {
        saved.current = await platform.getScreenBrightness()
        await platform.setScreenBrightness(1)
        await platform.setKeepScreenOn(true)
      } catch {
        // Brightness is a convenience: the code is still shown if the platform refuses.
      }
    })()
  })
  const restore = () => {
    const previous = saved.current
    saved.current = undefined
    if (previous !== undefined) void platform.setScreenBrightness(previous).catch(() => undefined)
    void platform.setKeepScreenOn(false).catch(() => undefined)
  }
  useDidHide(restore)
  useUnload(restore)
}
