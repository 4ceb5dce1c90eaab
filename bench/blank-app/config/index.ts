/**
 * The blank app's build: the options of the app's config/index.ts that change what lands in a
 * package (framework, compiler, main-package optimisation, the aria-* template injection, no
 * px transform), so `bench:size` compares the app's own code against Taro + React + MobX
 * alone. bench/size.ts always sets BUILD_OUTPUT_ROOT to a temporary directory.
 */
import type { UserConfigExport } from '@tarojs/cli'

const platform = process.env.TARO_ENV ?? 'weapp'
const ARIA = { 'aria-role': "''", 'aria-label': "''", 'aria-hidden': "''", 'aria-checked': "''" }
const ACCESSIBLE_COMPONENTS = { View: ARIA, Text: ARIA, Button: ARIA, Image: ARIA, Switch: ARIA, Input: ARIA, Canvas: ARIA }

export default async function config(merge: (...configs: UserConfigExport<'webpack5'>[]) => UserConfigExport<'webpack5'>) {
  return merge({}, {
    projectName: 'gov-mini-blank',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `${process.env.BUILD_OUTPUT_ROOT || 'dist'}/${platform}`,
    plugins: [['@tarojs/plugin-inject', { components: ACCESSIBLE_COMPONENTS }]],
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  } satisfies UserConfigExport<'webpack5'>)
}
