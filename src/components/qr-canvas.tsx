import { Canvas, View } from '@tarojs/components'
import { encode } from 'uqr'
import { useEffect } from 'react'
import { queryCanvas2d } from '@/platform/canvas'

interface QrCanvasProps {
  id: string
  text: string
  /** CSS pixels. */
  size: number
  /** What the code says, for screen readers (colour and validity in words). */
  label: string
}

/** Quiet zone of 4 modules on every side, as the QR standard asks, so scanners lock on fast. */
const QUIET_ZONE = 4

/**
 * A QR code drawn on a 2D canvas (uqr). The module matrix is computed and drawn here, never put
 * through setData: only `text` (a short token) crosses into the render layer.
 */
export function QrCanvas({ id, text, size, label }: QrCanvasProps) {
  useEffect(() => {
    let cancelled = false
    void queryCanvas2d(id, size, size).then((canvas) => {
      if (cancelled || !canvas) return
      // uqr needs no TextEncoder (absent from mini-program runtimes, unlike lean-qr); medium
      // error correction survives a scratched screen protector.
      const code = encode(text, { ecc: 'M', border: 0 })
      const modules = code.size + QUIET_ZONE * 2
      // Whole device pixels per module: fractional modules blur their edges and make
      // scanners (and decoders) miss. What is left over becomes extra quiet zone.
      const side = Math.min(canvas.width, canvas.height)
      const cell = Math.max(1, Math.floor(side / modules))
      const offset = Math.floor((side - cell * code.size) / 2)
      const { context } = canvas
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, canvas.width, canvas.height)
      context.fillStyle = '#000000'
      for (let y = 0; y < code.size; y++) {
        for (let x = 0; x < code.size; x++) {
          if (code.data[y][x]) context.fillRect(offset + x * cell, offset + y * cell, cell, cell)
        }
      }
    })
    return () => {
      cancelled = true
    }
  }, [id, text, size])

  return (
    <View className='gm-qr' ariaRole='img' ariaLabel={label}>
      <Canvas type='2d' id={id} className='gm-qr__canvas' style={`width:${size}px;height:${size}px`} />
    </View>
  )
}
