import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import ts from 'typescript'

/**
 * The pages registered in the mini-program's src/app.config.ts (main package and
 * subpackages), as `packages/services/pages/guide/index`. The file calls Taro's global
 * `defineAppConfig`, which exists only in a Taro build, so it is transpiled and run here
 * with that function as the identity, in a context of its own (relative imports only, an empty process.env).
 */

export const APP_CONFIG_FILE = 'src/app.config.ts'

interface AppConfig {
  pages?: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

export function registeredPages(file: string = resolve(APP_CONFIG_FILE)): string[] {
  const config = runConfig<AppConfig>(file, 'defineAppConfig')
  if (!config || !Array.isArray(config.pages)) throw new Error(`${file} does not export an app config with pages`)
  const subPackages = config.subPackages ?? config.subpackages ?? []
  return [...config.pages, ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))]
}

/**
 * Runs one Taro config file (app or page) with its `define…Config` global as the identity.
 * A config may import its own relative modules (the app config spreads the WeChat plugins
 * from src/platform/tables/weapp-plugins.ts); those run the same way, with an empty
 * process.env (no TARO_ENV: the pages are the same for every platform). Nothing else is required.
 */
function runConfig<T>(file: string, globalName: string): T | undefined {
  return runModule<{ default?: T }>(file, { [globalName]: (config: T) => config }).default
}

function runModule<T>(file: string, globals: Record<string, unknown>): T {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
  const module = { exports: {} as T }
  const require = (specifier: string) => {
    if (!specifier.startsWith('.')) throw new Error(`${file}: a config may import only its own relative modules, not ${specifier}`)
    return runModule(resolve(dirname(file), specifier.endsWith('.ts') ? specifier : `${specifier}.ts`), {})
  }
  runInNewContext(outputText, { module, exports: module.exports, require, process: { env: {} }, ...globals }, { filename: file, timeout: 1000 })
  return module.exports
}

export interface PageTitle {
  /** As registered: `packages/social-security/pages/contributions/index`. */
  page: string
  /** Its navigation-bar title: what a citizen sees on it and would call it. */
  title: string
}

/** The title of every registered page, read from the page's `index.config.ts` beside it. */
export function pageTitles(file: string = resolve(APP_CONFIG_FILE)): PageTitle[] {
  const source = dirname(file)
  return registeredPages(file).flatMap((page) => {
    const config = runConfig<{ navigationBarTitleText?: string }>(resolve(source, `${page}.config.ts`), 'definePageConfig')
    return config?.navigationBarTitleText ? [{ page, title: config.navigationBarTitleText }] : []
  })
}
