import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import { pinyin } from 'pinyin-pro'
import thesaurus from './thesaurus.json'
import { fold } from './search-text'

/**
 * Words for catalogue search, the same at index and at query time: Chinese segmented with
 * jieba (search mode: 公积金 also yields 公积 and 积金, so partial words match), folded like
 * everything else in search (NFKC, lower case), with punctuation and stopwords dropped;
 * pinyin for what people type in Latin letters or with a homophone typo (公基金, 身分证).
 */

// One dictionary per process: loading it takes ~100 ms and ~20 MB.
let segmenter: Jieba | undefined
function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict)
  return segmenter
}

const STOPWORDS = new Set(thesaurus.stopwords.map(fold))
const SYNONYMS = new Map<string, string[]>(Object.entries(thesaurus.synonyms).map(([word, targets]) => [fold(word), targets.map(fold)]))
export const THESAURUS_VERSION = thesaurus.version

/** A token worth matching: letters, digits or CJK, not only punctuation or space. */
const MEANINGFUL = /[\p{L}\p{N}]/u
const HAN = /\p{Script=Han}/u

/** The words of a (folded) text, in order, search mode (overlapping sub-words included). */
export function wordsOf(text: string): string[] {
  const folded = fold(text)
  const words: string[] = []
  for (const token of jieba().cutForSearch(folded, true)) {
    const word = token.trim()
    if (word && MEANINGFUL.test(word)) words.push(word)
  }
  return words
}

/** The words of a query that carry meaning (stopwords such as 了 / 怎么 / 办理 dropped). */
export function queryWords(query: string): string[] {
  const words = wordsOf(query).filter((word) => !STOPWORDS.has(word))
  return [...new Set(words)]
}

/**
 * Colloquial words → catalogue words (丢了 → 补领 / 挂失, 驾照 → 驾驶证), from the
 * versioned thesaurus; a phrase of the query (上户口) counts as well as a single word.
 */
export function synonymWords(query: string, words: readonly string[]): string[] {
  const folded = fold(query)
  const found = new Set<string>()
  for (const [key, targets] of SYNONYMS) {
    if (!words.includes(key) && !folded.includes(key)) continue
    for (const target of targets) for (const word of wordsOf(target)) if (!STOPWORDS.has(word)) found.add(word)
  }
  for (const word of words) found.delete(word)
  return [...found]
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word)
}

// Pinyin per word, cached: a catalogue has a few thousand distinct words, converting them
// once instead of every name keeps a 10,000-item rebuild within a couple of seconds.
const WORD_PINYIN = new Map<string, [full: string, initials: string]>()
const WORD_PINYIN_MAX = 50_000

function wordPinyin(word: string): [string, string] {
  let cached = WORD_PINYIN.get(word)
  if (!cached) {
    const syllables = HAN.test(word) ? pinyin(word, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) : [word]
    const clean = (value: string) => value.replace(/[^a-z0-9]/g, '')
    cached = [clean(syllables.join('')), clean(syllables.map((syllable) => (HAN.test(word) ? syllable.charAt(0) : syllable)).join(''))]
    if (WORD_PINYIN.size >= WORD_PINYIN_MAX) WORD_PINYIN.clear()
    WORD_PINYIN.set(word, cached)
  }
  return cached
}

function pinyinWords(text: string): [string, string][] {
  return jieba()
    .cut(fold(text), true)
    .map((word) => wordPinyin(word))
}

/** Full pinyin without tones or spaces (公积金 → gongjijin); Latin letters and digits are kept. */
export function pinyinOf(text: string): string {
  return pinyinWords(text)
    .map(([full]) => full)
    .join('')
}

/** Pinyin initials (社保卡 → sbk). */
export function initialsOf(text: string): string {
  return pinyinWords(text)
    .map(([, initials]) => initials)
    .join('')
}

/** True for a query typed in Latin letters (gongjijin, gjj, shebao ka). */
export function isLatin(query: string): boolean {
  return /^[a-z\s']+$/.test(fold(query))
}

export function hasHan(text: string): boolean {
  return HAN.test(text)
}
