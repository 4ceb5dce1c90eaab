import Taro from '@tarojs/taro'

/**
 * Copies text to the clipboard; resolves false when the host cannot (Taro answers
 * undefined, not a promise, where the clipboard API is missing), so pages can offer to
 * copy by hand instead.
 */
export async function copyText(text: string): Promise<boolean> {
  const copying = Taro.setClipboardData({ data: text }) as Promise<unknown> | undefined
  if (!copying) return false
  try {
    await copying
    return true
  } catch {
    return false
  }
}
