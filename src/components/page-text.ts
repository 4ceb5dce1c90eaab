/**
 * The text a page shows, in reading order, for 朗读本页 (elderly mode). Works on the tree Taro
 * renders on every platform: DOM elements on H5, Taro's own elements in the mini-programs
 * (both have childNodes, text nodes of nodeType 3 with nodeValue, nodeName and className).
 * Buttons, the read-aloud controls, the title bar and the tab bar are left out: they are not
 * the page's content.
 */
export interface NodeLike {
  nodeType?: number
  nodeName?: string
  nodeValue?: string | null
  className?: unknown
  childNodes?: ArrayLike<NodeLike>
}

const SKIPPED_CLASSES = /\bgm-(read-aloud|tabbar|page-bar|voice-search)/
const SKIPPED_NODES = /button|input|canvas/i
const TEXT_NODE = 3
const ENDS_WITH_MARK = /[。！？；，、：,.!?;:]$/

export function pageText(root: NodeLike | null | undefined): string {
  const pieces: string[] = []
  const walk = (node: NodeLike) => {
    if (node.nodeType === TEXT_NODE) {
      const text = String(node.nodeValue ?? '').trim()
      if (text) pieces.push(text)
      return
    }
    if (SKIPPED_NODES.test(node.nodeName ?? '')) return
    if (typeof node.className === 'string' && SKIPPED_CLASSES.test(node.className)) return
    for (const child of Array.from(node.childNodes ?? [])) walk(child)
  }
  if (root) walk(root)
  // A pause between pieces, unless the piece already ends with one.
  return pieces.map((piece) => (ENDS_WITH_MARK.test(piece) ? piece : `${piece}。`)).join('')
}
