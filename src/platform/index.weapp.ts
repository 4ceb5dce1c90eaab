/** WeChat entry, picked by Taro's multi-platform resolution when TARO_ENV=weapp. */
import { apiBase } from './config'
import { createMiniProgramPlatform } from './mini-adapter'
import { weappTable } from './tables/weapp'
import type { Platform } from './types'

declare const wx: any

export const platform: Platform = createMiniProgramPlatform('weapp', weappTable, wx, apiBase)
export * from './public'
