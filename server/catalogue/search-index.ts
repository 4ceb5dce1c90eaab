import type { MatchedField } from '../../src/contract/services/data'
import { fold, highlightAny, type HighlightPiece } from './search-text'
import { hasHan, initialsOf, isLatin, isStopword, pinyinOf, queryWords, synonymWords, wordsOf } from './words'

/**
 * The in-process search index of the published catalogue (see README.md in this folder for
 * why it lives in each API process). Ranking, highest first:
 *  1. where the whole query occurs as typed (exact name > name prefix > in the name > in an
 *     alias > in the department) — what an official name or a known alias should find first;
 *  2. BM25F relevance of the query's words over name, aliases, department and guide text
 *     (conditions, materials, life events), with synonyms from the thesaurus at a lower
 *     weight and homophone / pinyin matches (公基金 → 公积金, gongjijin, gjj);
 *  3. a small boost for popular and fully-online items; ties by code.
 * An item is a match when the whole query occurs in it, or it covers at least half of the
 * query's words (synonyms and homophones count), or its pinyin matches a Latin query.
 */

export interface IndexedItem {
  code: string
  name: string
  aliases: string[]
  department: string
  category: string
  onlineLevel: string
  timeLimitDays: number
  audiences: string[]
  popularity: number
  /** Conditions, material names and life-event words: matched with a low weight. */
  guideText: string
}

type Field = 'name' | 'alias' | 'department' | 'guide'
const FIELDS: Field[] = ['name', 'alias', 'department', 'guide']
const WEIGHTS: Record<Field, number> = { name: 3, alias: 2.5, department: 0.6, guide: 0.35 }
const K1 = 1.2
const B = 0.75
const SYNONYM_WEIGHT = 0.7
const HOMOPHONE_WEIGHT = 0.8
/** Whole-query tiers: far above any word score, so an exact name always comes first. */
const TIER_BONUS = { exactName: 100, namePrefix: 60, nameContains: 40, alias: 30, department: 10 } as const
const MIN_COVERAGE = 0.5
const MIN_COVERAGE_LONG = 0.34

interface Doc {
  item: IndexedItem
  terms: Record<Field, Map<string, number>>
  lengths: Record<Field, number>
  /** Per term, its BM25F saturated frequency (computed against the field averages at indexing). */
  termScores: Map<string, number>
  /** Name, aliases and department folded, one per line: where the whole query is looked for. */
  spoken: string
  name: string
  aliases: string[]
  department: string
  /** Every folded text of the item, for "does this word occur anywhere". */
  allText: string
  pinyins: string[]
  initials: string[]
}

export interface RankedHit {
  item: IndexedItem
  score: number
  matchedField: MatchedField
  matchedText: string
  highlight: HighlightPiece[]
}

export interface IndexAnswer {
  /** The first `limit` hits, best first. */
  hits: RankedHit[]
  /** How many items matched (all of them, not only the first `limit`). */
  total: number
  /** none: real matches; similar: nothing matched well, these share characters; popular: nothing shared either. */
  relaxed: 'none' | 'similar' | 'popular'
}

export interface Suggestion {
  code: string
  text: string
  highlight: HighlightPiece[]
}

export class SearchIndex {
  private readonly docs = new Map<string, Doc>()
  private readonly postings = new Map<string, Set<string>>()
  private readonly lengthSums: Record<Field, number> = { name: 0, alias: 0, department: 0, guide: 0 }

  constructor(items: readonly IndexedItem[]) {
    const docs = items.map(toDoc)
    for (const doc of docs) this.addLengths(doc, 1)
    for (const doc of docs) this.insert(doc)
    // Term scores need the field averages over the whole catalogue: worked out once all are in.
    for (const doc of docs) this.scoreTerms(doc)
  }

  /** New or changed items (re-indexed), and codes no longer published (dropped): what a catalogue change needs. */
  apply(changed: readonly IndexedItem[], removed: readonly string[]): void {
    for (const code of [...removed, ...changed.map((item) => item.code)]) this.remove(code)
    const docs = changed.map(toDoc)
    for (const doc of docs) this.addLengths(doc, 1)
    for (const doc of docs) this.insert(doc)
    // Other items keep the scores worked out against the averages of their time: a few changed
    // items move the averages little, and the engine rebuilds in full when many change.
    for (const doc of docs) this.scoreTerms(doc)
  }

  private scoreTerms(doc: Doc): void {
    for (const field of FIELDS) for (const term of doc.terms[field].keys()) if (!doc.termScores.has(term)) doc.termScores.set(term, this.saturated(doc, term))
  }

  private insert(doc: Doc): void {
    for (const field of FIELDS) {
      for (const term of doc.terms[field].keys()) {
        const list = this.postings.get(term)
        if (list) list.add(doc.item.code)
        else this.postings.set(term, new Set([doc.item.code]))
      }
    }
    this.docs.set(doc.item.code, doc)
  }

  private remove(code: string): void {
    const doc = this.docs.get(code)
    if (!doc) return
    for (const term of FIELDS.flatMap((field) => [...doc.terms[field].keys()])) {
      const list = this.postings.get(term)
      list?.delete(code)
      if (list?.size === 0) this.postings.delete(term)
    }
    this.addLengths(doc, -1)
    this.docs.delete(code)
  }

  private addLengths(doc: Doc, sign: 1 | -1): void {
    for (const field of FIELDS) this.lengthSums[field] += sign * doc.lengths[field]
  }

  private average(field: Field): number {
    return this.lengthSums[field] / Math.max(1, this.docs.size) || 1
  }

  get size(): number {
    return this.docs.size
  }

  /** New popularity figures without re-reading the text (views change them all day). */
  updatePopularity(popularity: ReadonlyMap<string, number>): void {
    for (const doc of this.docs.values()) doc.item.popularity = popularity.get(doc.item.code) ?? doc.item.popularity
  }

  search(query: string, limit = 50): IndexAnswer {
    const strict = this.strict(query)
    if (strict.length > 0) return { hits: strict.slice(0, limit).map((entry) => entry.hit()), total: strict.length, relaxed: 'none' }
    const similar = this.similar(query)
    if (similar.length > 0) return { hits: similar, total: similar.length, relaxed: 'similar' }
    const popular = this.popular()
    return { hits: popular, total: popular.length, relaxed: 'popular' }
  }

  /** Up to `limit` names or aliases for what is being typed, best first. */
  suggest(query: string, limit: number): Suggestion[] {
    const q = fold(query).trim()
    if (!q) return []
    const latin = isLatin(q) ? q.replace(/[\s']/g, '') : ''
    const found: { rank: number; popularity: number; suggestion: Suggestion }[] = []
    for (const doc of this.docs.values()) {
      const texts = [doc.item.name, ...doc.item.aliases]
      let best: { rank: number; text: string } | undefined
      texts.forEach((text, index) => {
        const folded = index === 0 ? doc.name : doc.aliases[index - 1]!
        const rank = folded.startsWith(q) ? 0 : folded.includes(q) ? 1 : latin && (doc.pinyins[index]!.startsWith(latin) || doc.initials[index]!.startsWith(latin)) ? 2 : -1
        if (rank >= 0 && (!best || rank < best.rank)) best = { rank: rank + (index === 0 ? 0 : 0.5), text }
      })
      if (best) found.push({ rank: best.rank, popularity: doc.item.popularity, suggestion: { code: doc.item.code, text: best.text, highlight: highlightAny(best.text, [q]) ?? [{ text: best.text, hit: false }] } })
    }
    found.sort((a, b) => a.rank - b.rank || b.popularity - a.popularity || compare(a.suggestion.code, b.suggestion.code))
    const suggestions = found.slice(0, limit).map((entry) => entry.suggestion)
    if (suggestions.length >= limit) return suggestions
    // Too few by prefix: the best search results fill the list (a colloquial word has no prefix match).
    for (const { doc } of this.strict(q)) {
      if (suggestions.length >= limit) break
      if (suggestions.some((suggestion) => suggestion.code === doc.item.code)) continue
      suggestions.push({ code: doc.item.code, text: doc.item.name, highlight: highlightAny(doc.item.name, [q, ...queryWords(q)]) ?? [{ text: doc.item.name, hit: false }] })
    }
    return suggestions
  }

  private strict(query: string): Scored[] {
    const whole = fold(query).replace(/\s+/g, ' ').trim()
    const compact = whole.replace(/\s+/g, '')
    const latin = isLatin(whole) ? compact.replace(/'/g, '') : ''
    const words = queryWords(whole)
    const synonyms = synonymWords(whole, words)
    // Words to cover: the precise cut (新生儿落户 → 新生儿, 落户), not the overlapping sub-words.
    const coverWords = [...new Set(preciseWords(whole))]
    const homophones = hasHan(whole) ? this.homophoneWords(coverWords) : new Map<string, string>()
    const wholePinyin = hasHan(whole) ? pinyinOf(coverWords.join('')) : ''
    const plan = this.coverPlan(coverWords, homophones)
    // Long questions carry more filler: a third of their words is enough.
    const minCoverage = plan.length >= 3 ? MIN_COVERAGE_LONG : MIN_COVERAGE

    const scores = new Map<Doc, number>()
    const add = (doc: Doc, value: number) => scores.set(doc, (scores.get(doc) ?? 0) + value)
    for (const [term, weight] of [...words.map((word) => [word, 1] as const), ...synonyms.map((word) => [word, SYNONYM_WEIGHT] as const)]) {
      const list = this.postings.get(term)
      if (!list) continue
      const idf = Math.log(1 + (this.docs.size - list.size + 0.5) / (list.size + 0.5))
      for (const code of list) {
        const doc = this.docs.get(code)!
        add(doc, weight * idf * (doc.termScores.get(term) ?? 0))
      }
    }
    // Whole-query, pinyin and homophone matches can reach items no word reaches: one pass over all.
    const needle = compact || whole
    const sounds = [...homophones.values()]
    for (const doc of this.docs.values()) {
      let extra = 0
      if (needle && doc.spoken.includes(needle)) extra += 0.0001
      if (latin.length >= 2) {
        const full = doc.pinyins.some((value) => value.includes(latin))
        const initials = latin.length <= 6 && doc.initials.some((value) => value.startsWith(latin) || (latin.length >= 3 && value.includes(latin)))
        if (full) extra += 8 + latin.length / 2
        else if (initials) extra += 6
      }
      if (wholePinyin.length >= 6 && doc.pinyins.some((value) => value.includes(wholePinyin))) extra += 12
      for (const sound of sounds) if (doc.pinyins.some((value) => value.includes(sound))) extra += HOMOPHONE_WEIGHT * 4
      if (extra > 0) add(doc, extra)
    }

    const scored: Scored[] = []
    const terms = [whole, compact, ...words, ...synonyms]
    for (const [doc, score] of scores) {
      const tier = tierOf(doc, needle)
      const pinyinMatch = score >= 6 && (latin.length >= 2 || wholePinyin.length >= 6) && !tier
      const coverage = this.coverage(doc, plan)
      if (tier === undefined && !pinyinMatch && (plan.length === 0 || coverage < minCoverage)) continue
      const boost = 1 + 0.08 * Math.log10(1 + doc.item.popularity) + (doc.item.onlineLevel === 'full_online' ? 0.05 : 0)
      const total = (tier ? TIER_BONUS[tier.kind] : 0) + score * (0.5 + coverage) * boost
      // The highlight is worked out only for the hits that are shown.
      scored.push({ doc, score: total, hit: () => this.hitOf(doc, total, tier, terms) })
    }
    return scored.sort((a, b) => b.score - a.score || b.doc.item.popularity - a.doc.item.popularity || compare(a.doc.item.code, b.doc.item.code))
  }

  /** Nothing matched well: items sharing the query's characters (most first), at most 5. */
  private similar(query: string): RankedHit[] {
    const characters = [...new Set(Array.from(fold(query)).filter((character) => hasHan(character) && !isStopword(character)))]
    if (characters.length === 0) return []
    const hits: RankedHit[] = []
    for (const doc of this.docs.values()) {
      const text = [doc.name, ...doc.aliases].join('\n')
      const shared = characters.filter((character) => text.includes(character))
      if (shared.length < Math.min(2, characters.length)) continue
      hits.push(this.hitOf(doc, shared.length / characters.length + 0.01 * Math.log10(1 + doc.item.popularity), undefined, shared))
    }
    return sortHits(hits).slice(0, 5)
  }

  private popular(): RankedHit[] {
    return [...this.docs.values()]
      .sort((a, b) => b.item.popularity - a.item.popularity || compare(a.item.code, b.item.code))
      .slice(0, 5)
      .map((doc) => this.hitOf(doc, 0, undefined, []))
  }

  /** Share of the query's words this item has: the word itself, a synonym of it, a homophone, or part of it. */
  private coverage(doc: Doc, plan: readonly CoverWord[]): number {
    if (plan.length === 0) return 0
    let covered = 0
    let total = 0
    for (const word of plan) {
      total += word.weight
      if (doc.allText.includes(word.word) || word.synonyms.some((synonym) => doc.allText.includes(synonym))) covered += word.weight
      else if (word.sound && doc.pinyins.some((value) => value.includes(word.sound!))) covered += word.weight
      else if (word.parts.some((part) => doc.allText.includes(part))) covered += word.weight / 2
    }
    return covered / total
  }

  /** Per query word, once per search: its synonyms, its sound when no item has it, its parts. */
  private coverPlan(words: readonly string[], homophones: ReadonlyMap<string, string>): CoverWord[] {
    return words.map((word) => ({
      word,
      // A single character says less than a word (区, 转): it counts half.
      weight: Array.from(word).length === 1 ? 0.5 : 1,
      synonyms: synonymWords(word, [word]),
      sound: homophones.get(word),
      parts: wordsOf(word).filter((part) => part !== word && Array.from(part).length >= 2),
    }))
  }

  /** Words no item contains, by their pinyin (身分证 → shenfenzheng): typos that sound right. */
  private homophoneWords(words: readonly string[]): Map<string, string> {
    const found = new Map<string, string>()
    for (const word of words) {
      if (!hasHan(word) || Array.from(word).length < 2 || this.postings.has(word)) continue
      const sound = pinyinOf(word)
      if (sound.length >= 4) found.set(word, sound)
    }
    return found
  }

  /** The BM25F term frequency of `term` in `doc`: weighted over fields, length-normalised, saturated. */
  private saturated(doc: Doc, term: string): number {
    let weighted = 0
    for (const field of FIELDS) {
      const count = doc.terms[field].get(term)
      if (!count) continue
      weighted += (WEIGHTS[field] * count) / (1 - B + (B * doc.lengths[field]) / this.average(field))
    }
    return (weighted * (K1 + 1)) / (weighted + K1)
  }

  private hitOf(doc: Doc, score: number, tier: Tier | undefined, terms: readonly string[]): RankedHit {
    const candidates: [MatchedField, string, string][] = [
      ['name', doc.item.name, doc.name],
      ...doc.item.aliases.map((alias, index) => ['alias', alias, doc.aliases[index]!] as [MatchedField, string, string]),
      ['department', doc.item.department, doc.department],
    ]
    const useful = terms.filter((term) => term && !isStopword(term))
    if (tier) {
      const [field, text] = candidates.find(([kind, , folded]) => (tier.kind === 'alias' ? kind === 'alias' : tier.kind === 'department' ? kind === 'department' : kind === 'name') && folded.includes(tier.query))!
      return { item: doc.item, score, matchedField: field, matchedText: text, highlight: highlightAny(text, [tier.query])! }
    }
    // The name when it shows a matched word; else the alias that does; else the name as it is.
    for (const [field, text] of candidates.slice(0, -1)) {
      const pieces = highlightAny(text, useful)
      if (pieces) return { item: doc.item, score, matchedField: field, matchedText: text, highlight: pieces }
    }
    return { item: doc.item, score, matchedField: 'name', matchedText: doc.item.name, highlight: [{ text: doc.item.name, hit: false }] }
  }
}

interface Scored {
  doc: Doc
  score: number
  hit(): RankedHit
}

interface CoverWord {
  word: string
  weight: number
  synonyms: string[]
  sound: string | undefined
  parts: string[]
}

type Tier = { kind: keyof typeof TIER_BONUS; query: string }

function tierOf(doc: Doc, query: string): Tier | undefined {
  if (!query) return undefined
  if (doc.name === query) return { kind: 'exactName', query }
  if (doc.name.startsWith(query)) return { kind: 'namePrefix', query }
  if (doc.name.includes(query)) return { kind: 'nameContains', query }
  if (doc.aliases.some((alias) => alias.includes(query))) return { kind: 'alias', query }
  if (doc.department.includes(query)) return { kind: 'department', query }
  return undefined
}

function toDoc(item: IndexedItem): Doc {
  const texts: Record<Field, string[]> = { name: [item.name], alias: item.aliases, department: [item.department], guide: [item.guideText] }
  const terms = {} as Record<Field, Map<string, number>>
  const lengths = {} as Record<Field, number>
  for (const field of FIELDS) {
    const counts = new Map<string, number>()
    let length = 0
    for (const text of texts[field]) {
      for (const word of wordsOf(text)) {
        counts.set(word, (counts.get(word) ?? 0) + 1)
        length += 1
      }
    }
    terms[field] = counts
    lengths[field] = length
  }
  const name = fold(item.name)
  const aliases = item.aliases.map(fold)
  const department = fold(item.department)
  const spoken = [item.name, ...item.aliases]
  return {
    item,
    terms,
    lengths,
    termScores: new Map(),
    spoken: [name, ...aliases, department].join('\n'),
    name,
    aliases,
    department,
    allText: [name, ...aliases, department, fold(item.guideText)].join('\n'),
    pinyins: spoken.map(pinyinOf),
    initials: spoken.map(initialsOf),
  }
}

/** The precise-mode words of a query, stopwords dropped: what "covering the query" means. */
function preciseWords(query: string): string[] {
  return query
    .split(/\s+/)
    .flatMap((part) => wordsOf(part).filter((word, index, all) => !all.some((other, at) => at !== index && other.length > word.length && other.includes(word))))
    .filter((word) => !isStopword(word))
}

function sortHits(hits: RankedHit[]): RankedHit[] {
  return hits.sort((a, b) => b.score - a.score || b.item.popularity - a.item.popularity || compare(a.item.code, b.item.code))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
