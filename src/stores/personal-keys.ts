/**
 * Personal things feature stores keep in device storage. They live here, in the main package,
 * so logout can remove them even when the feature's store was never built since launch (feature
 * stores are built on first use, in their subpackage; see RootStore.feature).
 */
export const PERSONAL_STORAGE_KEYS = {
  /** The last health code, shown offline at the gate. */
  lastHealthCode: 'healthCode.last',
  /** Recent 办事服务 searches. */
  catalogueHistory: 'catalogue.searchHistory',
  /** 最近使用 on the home page: which features were opened. */
  recentFeatures: 'home.recentFeatures',
} as const
