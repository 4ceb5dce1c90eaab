import { Canvas, View } from '@tarojs/components'
import { generate } from 'lean-qr'
import { useEffect } from 'react'
import { queryCanvas2d } from '../platform/canvas'

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
 * A QR code drawn on a 2D canvas. The module matrix is computed and drawn here, never put
 * through setData: only `text` (a short token) crosses into the render layer.
 */
export function QrCanvas({ id, text, size, label }: QrCanvasProps) {
  useEffect(() => {
    let cancelled = false
    void queryCanvas2d(id, size, size).then((canvas) => {
      if (cancelled || !canvas) return
      const code = generate(text)
      const modules = code.size + QUIET_ZONE * 2
      const cell = size / modules
      const { context } = canvas
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, size, size)
      context.fillStyle = '#000000'
      for (let y = 0; y < code.size; y++) {
        for (let x = 0; x < code.size; x++) {
          if (code.get(x, y)) context.fillRect((x + QUIET_ZONE) * cell, (y + QUIET_ZONE) * cell, Math.ceil(cell), Math.ceil(cell))
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
