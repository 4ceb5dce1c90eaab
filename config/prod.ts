import type { UserConfigExport } from '@tarojs/cli'

// Production builds are minified (terser + csso are on by default in Taro's production mode).
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
