/** WeChat entry, picked by Taro's multi-platform resolution when TARO_ENV=weapp. */
import { apiBase } from './config'
import { createMiniProgramPlatform } from './mini-adapter'
import { weappTable } from './tables/weapp'
import type { Platform } from './types'

declare const wx: any
declare const requirePlugin: ((name: string) => any) | undefined

/** The plugin declared in app.json (src/app.config.weapp.ts); a missing one reads as absent, so no control is shown. */
function loadPlugin(name: string) {
  try {
    return typeof requirePlugin === 'function' ? requirePlugin(name) : undefined
  } catch {
    return undefined
  }
}

export const platform: Platform = createMiniProgramPlatform('weapp', weappTable, wx, apiBase, loadPlugin)
export * from './public'
