import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from '../api'

export interface Loaded<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
}

/** Loads on mount and whenever `key` changes; `reload` after an action. Stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string = ''): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error: ApiError | null; loading: boolean }>({ error: null, loading: true })
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const run = useCallback(() => {
    const mine = ++generation.current
    setState((previous) => ({ ...previous, loading: true, error: null }))
    loadRef.current().then(
      (data) => mine === generation.current && setState({ data, error: null, loading: false }),
      (error: ApiError) => mine === generation.current && setState((previous) => ({ ...previous, error, loading: false })),
    )
  }, [])
  useEffect(run, [run, key])
  return { data: state.data, error: state.error, loading: state.loading, reload: run }
}
