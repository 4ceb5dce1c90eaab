/**
 * Every feature store, after forget(), is what a freshly built one is: no personal value
 * survives a logout because a reset was missed. The stores are found on disk (every exported
 * `xxxStore(root)` accessor in src/packages), so a store added later is covered without
 * touching this file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { isObservableArray, isObservableMap, isObservableObject, toJS } from 'mobx'
import { ApiError } from '@/platform/api-error'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import { RootStore } from '@/stores/root-store'
import { fakePlatform } from './fake-platform'

const PACKAGES = path.resolve(__dirname, '../../../src/packages')

function moduleFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'pages' && entry.name !== 'components') moduleFiles(full, out)
    } else if (/\.ts$/.test(entry.name)) out.push(full)
  }
  return out
}

type Accessor = (root: RootStore) => unknown

/** `certificatesStore(root)`-style accessors: exported functions named …Store that build through root.feature(). */
function accessors(): { name: string; file: string; accessor: Accessor }[] {
  const found: { name: string; file: string; accessor: Accessor }[] = []
  for (const file of moduleFiles(PACKAGES)) {
    if (!/\broot\.feature\(/.test(fs.readFileSync(file, 'utf8'))) continue
    const exports = require(file) as Record<string, unknown>
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function' && /^[a-z]\w*Store$/.test(name)) found.push({ name, file: path.relative(PACKAGES, file), accessor: value as Accessor })
    }
  }
  return found
}

const isPlainData = (value: object) =>
  (Object.getPrototypeOf(value) === Object.prototype || (isObservableObject(value) && !('forget' in value))) &&
  Object.values(value).every((inner) => typeof inner !== 'function')
const isStore = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { forget?: unknown }).forget === 'function'

/** Puts something personal-looking in every field a store owns (sub-stores included). */
function dirty(store: Record<string, unknown>, seen = new Set<unknown>()): void {
  if (seen.has(store)) return
  seen.add(store)
  for (const key of Object.keys(store)) {
    const value = store[key]
    if (value instanceof LoadState) value.restore({ personal: '110105194912310021' }, new Date(0))
    else if (value instanceof Mutation) Object.assign(value, { busy: true, error: new ApiError('INTERNAL') })
    else if (isObservableMap(value) || value instanceof Map) {
      const state = new LoadState<unknown>()
      state.restore({ personal: true }, new Date(0))
      ;(value as Map<string, unknown>).set('personal', state)
    } else if (isObservableArray(value) || Array.isArray(value)) (value as unknown[]).push('personal')
    else if (isStore(value)) dirty(value, seen)
    else if (value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value)) store[key] = 'personal'
    else if (typeof value === 'object' && isPlainData(value)) store[key] = { personal: true }
  }
}

/** What a store holds (toJS of its own fields, sub-stores included; dependencies and functions left out). */
function snapshot(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…'
  if (value instanceof LoadState) return toJS({ status: value.status, data: value.data, error: value.error, loadedAt: value.loadedAt })
  if (value instanceof Mutation) return { busy: value.busy, error: value.error }
  if (isObservableMap(value) || value instanceof Map) return [...(value as Map<unknown, unknown>).entries()].map(([key, inner]) => [key, snapshot(inner, depth + 1)])
  if (isObservableArray(value) || Array.isArray(value)) return (value as unknown[]).map((inner) => snapshot(inner, depth + 1))
  if (typeof value === 'function') return '[function]'
  if (typeof value !== 'object' || value === null) return value
  if (isStore(value) || isPlainData(value)) {
    return Object.fromEntries(Object.keys(value).map((key) => [key, snapshot((value as Record<string, unknown>)[key], depth + 1)]))
  }
  return '[dependency]'
}

describe('forget() leaves every feature store as freshly built', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') }))
  afterEach(() => jest.useRealTimers())

  const found = accessors()

  test('the feature stores are found (one per feature that keeps state)', () => {
    expect(found.map((entry) => entry.name).sort()).toEqual(
      expect.arrayContaining(['applicationsStore', 'catalogueStore', 'certificatesStore', 'evaluationsStore', 'feedbackStore', 'healthCodeStore', 'inboxStore', 'socialSecurityStore']),
    )
  })

  test.each(found.map((entry) => [`${entry.name} (${entry.file})`, entry.accessor] as const))('%s', (_name, accessor) => {
    const { platform } = fakePlatform(async () => new Promise(() => undefined))
    const root = new RootStore(platform)
    const builders = new Map<string, (root: RootStore) => unknown>()
    const feature = root.feature.bind(root)
    root.feature = <T>(key: string, create: (root: RootStore) => T): T => {
      builders.set(key, create)
      return feature(key, create)
    }
    const store = accessor(root) as Record<string, unknown> & { forget(): void }
    const [create] = [...builders.values()]
    const fresh = create(root)
    dirty(store)
    expect(snapshot(store)).not.toEqual(snapshot(fresh))
    store.forget()
    expect(snapshot(store)).toEqual(snapshot(fresh))
  })
})
