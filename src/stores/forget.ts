/**
 * Makes `store` what `fresh` (a store just built with the same dependencies) is: remote data
 * reset (LoadState, Mutation: in-flight answers are dropped), collections emptied, sub-stores
 * told to forget, every other field given its initial value. A field added later is covered
 * without a line here, so no personal value survives a logout because a reset was missed
 * (test/unit/stores/forget.test.ts checks every feature store against a freshly built one).
 */
export function forgetAll<T extends object>(store: T, fresh: T): void {
  const target = store as Record<string, unknown>
  const initial = fresh as Record<string, unknown>
  for (const key of Object.keys(initial)) {
    const value = target[key] as { reset?: unknown; clear?: unknown; forget?: unknown } | null | undefined
    if (value && typeof value === 'object' && value !== initial[key]) {
      if (typeof value.forget === 'function') (value.forget as () => void)()
      else if (typeof value.reset === 'function') (value.reset as () => void)()
      else if (typeof value.clear === 'function') (value.clear as () => void)()
      else target[key] = initial[key]
    } else if (typeof value !== 'function') {
      target[key] = initial[key]
    }
  }
}
