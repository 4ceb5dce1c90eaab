/**
 * Splits a text for read-aloud into pieces of at most `maxChars` characters, at sentence ends
 * where it can (then at commas, then anywhere): WeChat's plugin takes a limited text a call,
 * and browsers cut a long utterance short, so long texts are read piece by piece.
 */
const SENTENCE_END = /[。！？；!?;\n]/
const PAUSE = /[，、,：:]/

function cutAt(text: string, maxChars: number): number {
  for (const mark of [SENTENCE_END, PAUSE]) {
    for (let index = maxChars - 1; index > 0; index -= 1) if (mark.test(text[index])) return index + 1
  }
  return maxChars
}

export function speechChunks(text: string, maxChars: number): string[] {
  const chunks: string[] = []
  let rest = text.trim()
  while (rest.length > maxChars) {
    const cut = cutAt(rest, maxChars)
    chunks.push(rest.slice(0, cut).trim())
    rest = rest.slice(cut).trim()
  }
  if (rest) chunks.push(rest)
  return chunks.filter((chunk) => chunk !== '')
}
