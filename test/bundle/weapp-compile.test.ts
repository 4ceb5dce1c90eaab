/**
 * @jest-environment jsdom
 */
// WeChat's own WXML/WXSS compilers (wcc/wcsc, npm miniprogram-compiler) accept dist/weapp.
// The whole bundle through miniprogram-ci's compiler (JS parsed, pages resolved): weapp-ci-compile.test.ts.

import { distOf } from '../../scripts/dist-root'
import { wxmlToJs, wxssToJs } from 'miniprogram-compiler'

const dist = distOf('weapp')

test('every WXML template in dist/weapp compiles with wcc', () => {
  const compiled = new Function('global', wxmlToJs(dist))({}) as (file: string) => unknown
  expect(typeof compiled('pages/home/index.wxml')).toBe('function')
  expect(typeof compiled('packages/notices/pages/detail/index.wxml')).toBe('function')
})

test('every WXSS file in dist/weapp compiles with wcsc', () => {
  const styles = new Function('global', wxssToJs(dist))({}) as (file: string) => unknown
  expect(styles('app.wxss')).toBeDefined()
})
