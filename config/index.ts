// Only types from @tarojs/cli: importing a value loads its native binding (see TARO-NOTES).
import type { UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import devConfig from './dev'
import prodConfig from './prod'
import { version } from '../package.json'
import { PreloadEntryPage } from './preload-entry-page'

const platform = process.env.TARO_ENV ?? 'h5'

/** aria-* attributes added to each component the app uses (values: Taro's template defaults). */
const ARIA = { 'aria-role': "''", 'aria-label': "''", 'aria-hidden': "''", 'aria-checked': "''" }
const ACCESSIBLE_COMPONENTS = { View: ARIA, Text: ARIA, Button: ARIA, Image: ARIA, Switch: ARIA, Input: ARIA, Canvas: ARIA, Textarea: ARIA }

export default async function config(merge: (...configs: UserConfigExport<'webpack5'>[]) => UserConfigExport<'webpack5'>) {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gov-mini',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // `@/x` is `src/x` (same alias in tsconfig.json paths and jest's moduleNameMapper).
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // One folder per target so each IDE opens its own build (project files point here).
    // BUILD_OUTPUT_ROOT moves the whole tree elsewhere (bench builds), leaving dist/ to the tests.
    outputRoot: `${process.env.BUILD_OUTPUT_ROOT || 'dist'}/${platform}`,
    plugins: [
      // Taro's generated mini-program templates bind no aria-* attribute, so without this the
      // ariaLabel/ariaRole props never reach WeChat's or Alipay's screen readers.
      ['@tarojs/plugin-inject', { components: ACCESSIBLE_COMPONENTS }],
    ],
    // The version the mine page shows comes from package.json, the one place it is bumped.
    defineConstants: { 'process.env.TARO_APP_VERSION': JSON.stringify(version) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Modules used only by subpackages stay in those subpackages, not in the main package.
      optimizeMainPackage: { enable: true },
      postcss: {
        // Sizes are written in px = device-independent pixels on every target, so the tokens'
        // numbers (e.g. elderly body text 20px) mean the same on WeChat, Alipay and H5.
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      router: { mode: 'hash' },
      // The home page's code downloads with app.js instead of after it (see the plugin).
      webpackChain(chain) {
        chain.plugin('preload-entry-page').use(PreloadEntryPage, [{ page: 'pages/home/index', publicPath: '/' }])
      },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
}
