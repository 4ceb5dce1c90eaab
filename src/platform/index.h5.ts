/** H5 entry, picked by Taro's multi-platform resolution when TARO_ENV=h5. */
import { apiBase } from './config'
import { createH5Platform } from './h5-adapter'
import type { Platform } from './types'

export const platform: Platform = createH5Platform(apiBase)
export * from './public'
