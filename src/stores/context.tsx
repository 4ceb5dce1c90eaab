import { createContext, useContext, type ReactNode } from 'react'
import type { RootStore } from './root-store'

const StoreContext = createContext<RootStore | undefined>(undefined)

export function StoreProvider({ store, children }: { store: RootStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useStores(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStores() must be used inside <StoreProvider>')
  return store
}

/**
 * A feature store, e.g. `useFeatureStore(certificatesStore)`: the accessor comes from the store's
 * module, which only the feature's subpackage imports, so the store stays out of the main package.
 */
export function useFeatureStore<T>(of: (root: RootStore) => T): T {
  return of(useStores())
}
