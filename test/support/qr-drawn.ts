import type { Page } from 'playwright-core'

/**
 * Waits until a QR code on the page has been drawn: some canvas holds opaque dark modules. A
 * screenshot or a read taken as soon as the page's text shows can catch the canvas still blank.
 */
export async function qrDrawn(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('canvas')).some((canvas) => {
        if (canvas.width === 0 || canvas.height === 0) return false
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
        if (!pixels) return false
        for (let index = 0; index < pixels.length; index += 4) if (pixels[index]! < 64 && pixels[index + 3]! > 0) return true
        return false
      }),
    undefined,
    { timeout },
  )
}
