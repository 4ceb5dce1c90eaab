import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import type { Platform } from '@/platform/types'

type ScreenControls = Pick<Platform, 'getScreenBrightness' | 'setScreenBrightness' | 'setKeepScreenOn'>

/**
 * Screen at full brightness and kept on while a code is shown, so a scanner reads it; the
 * citizen's own brightness comes back when they leave the page, or when `active` turns
 * false (e.g. the 亮证 view once its code is used or withdrawn). Health code: always active.
 */
export function useBrightScreen(platform: ScreenControls, active = true) {
  const state = useRef<{ raised: boolean; saved: number | undefined; active: boolean }>({ raised: false, saved: undefined, active })
  state.current.active = active

  const raise = () => {
    const current = state.current
    if (current.raised || !current.active) return
    current.raised = true
    void (async () => {
      try {
        const previous = await platform.getScreenBrightness()
        // Left (or the code went away) while asking: nothing to raise any more.
        if (!current.raised) return
        current.saved = previous
        await platform.setScreenBrightness(1)
        if (current.raised) await platform.setKeepScreenOn(true)
      } catch {
        // Brightness is a convenience: the code is still shown if the platform refuses.
      }
    })()
  }
  const restore = () => {
    const current = state.current
    if (!current.raised) return
    current.raised = false
    const previous = current.saved
    current.saved = undefined
    if (previous !== undefined) void platform.setScreenBrightness(previous).catch(() => undefined)
    void platform.setKeepScreenOn(false).catch(() => undefined)
  }

  useDidShow(raise)
  useDidHide(restore)
  useUnload(restore)
  useEffect(() => {
    if (active) raise()
    else restore()
    // raise/restore read everything through the ref; only `active` changes what to do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active])
}
