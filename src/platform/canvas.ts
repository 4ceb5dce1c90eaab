import Taro from '@tarojs/taro'

export interface Canvas2d {
  context: CanvasRenderingContext2D
  /** The backing store's size in device pixels (CSS size × pixel ratio); draw in these units. */
  width: number
  height: number
}

/**
 * The 2D context of `<Canvas type='2d' id=…>` through Taro's selector query, the same call
 * on every target. Mini-programs answer the canvas node itself; Taro's H5 answers its host
 * element, whose inner <canvas> is used. Resolves undefined when no canvas is there.
 */
export function queryCanvas2d(id: string, width: number, height: number): Promise<Canvas2d | undefined> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((results: { node?: unknown }[] | undefined) => {
          let node = results?.[0]?.node as (HTMLCanvasElement & { querySelector?: (s: string) => HTMLCanvasElement | null }) | undefined
          if (node && typeof node.getContext !== 'function') node = node.querySelector?.('canvas') ?? undefined
          const context = node?.getContext?.('2d') as CanvasRenderingContext2D | null | undefined
          if (!node || !context) return resolve(undefined)
          const pixelRatio = Math.min(Math.max(Taro.getSystemInfoSync().pixelRatio || 1, 1), 3)
          node.width = Math.round(width * pixelRatio)
          node.height = Math.round(height * pixelRatio)
          resolve({ context, width: node.width, height: node.height })
        })
    } catch {
      resolve(undefined)
    }
  })
}
