/**
 * Default entry. Taro builds never use it: its resolver prefers `index.<TARO_ENV>.ts`
 * (@tarojs/helper resolveMainFilePath). TypeScript and jest do no such selection and land
 * here, so this exports the H5 platform — the only one that runs without a `wx` / `my`
 * global (jsdom supplies the browser APIs). Tests of the mini-program adapters build them
 * from their tables with a fake global instead.
 */
import { apiBase } from './config'
import { createH5Platform } from './h5-adapter'
import type { Platform } from './types'

export const platform: Platform = createH5Platform(apiBase)
export * from './public'
