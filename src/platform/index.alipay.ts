/** Alipay entry, picked by Taro's multi-platform resolution when TARO_ENV=alipay. */
import { apiBase } from './config'
import { createMiniProgramPlatform } from './mini-adapter'
import { alipayTable } from './tables/alipay'
import type { Platform } from './types'

declare const my: any

export const platform: Platform = createMiniProgramPlatform('alipay', alipayTable, my, apiBase)
export * from './public'
