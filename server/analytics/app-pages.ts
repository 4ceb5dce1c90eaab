import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import ts from 'typescript'

/**
 * The pages registered in the mini-program's src/app.config.ts (main package and
 * subpackages), as `packages/services/pages/guide/index`. The file calls Taro's global
 * `defineAppConfig`, which exists only in a Taro build, so it is transpiled and run here
 * with that function as the identity, in a context of its own (no require, no process).
 */

export const APP_CONFIG_FILE = 'src/app.config.ts'

interface AppConfig {
  pages?: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

export function registeredPages(file: string = resolve(APP_CONFIG_FILE)): string[] {
  const source = readFileSync(file, 'utf8')
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
  const module = { exports: {} as { default?: AppConfig } }
  runInNewContext(outputText, { module, exports: module.exports, defineAppConfig: (config: AppConfig) => config }, { filename: file, timeout: 1000 })
  const config = module.exports.default
  if (!config || !Array.isArray(config.pages)) throw new Error(`${file} does not export an app config with pages`)
  const subPackages = config.subPackages ?? config.subpackages ?? []
  return [...config.pages, ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))]
}
