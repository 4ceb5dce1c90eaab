/**
 * Boots a compiled mini-program bundle (dist/weapp or dist/alipay) headless in a Node `vm`
 * context: a fake `wx` / `my` global answers every API (requests go to a handler the test
 * gives, usually the real server through app.inject), `App()` / `Page()` registrations are
 * captured, lifecycles are called as the platform would, and every `setData` payload is
 * recorded and applied, so tests read the texts the citizen would see.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { distOf } from '../../scripts/dist-root'

export type MiniPlatform = 'weapp' | 'alipay'

export interface FakeRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
}
export interface FakeResponse {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface ApiCall {
  name: string
  args: unknown[]
}

export interface MiniHarnessOptions {
  platform: MiniPlatform
  distDir?: string
  /** Answers the bundle's network requests. Throw to simulate a network failure. */
  onRequest: (request: FakeRequest) => Promise<FakeResponse>
  /** Overrides or additions to the fake global, by API name. */
  api?: Record<string, (...args: any[]) => unknown>
  /** Initial storage content. */
  storage?: Record<string, unknown>
  /** What `requirePlugin(name)` answers (WeChat plugins such as WechatSI); unknown names get an empty object. */
  plugins?: Record<string, unknown>
}

export interface SetDataCall {
  payload: Record<string, unknown>
  bytes: number
  at: number
}

const SHORT_TIMER_MS = 2000
/** Navigation and UI APIs the pages call; recorded so tests can assert on them. */
const UI_APIS = [
  'navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack', 'stopPullDownRefresh', 'startPullDownRefresh',
  'showToast', 'hideToast', 'showLoading', 'hideLoading', 'showModal', 'setNavigationBarTitle', 'setClipboardData',
  'pageScrollTo', 'vibrateShort',
]

/** Ordered path segments of a Taro setData key such as `root.cn.[0].cn.[3].v`. */
function pathSegments(key: string): (string | number)[] {
  const segments: (string | number)[] = []
  for (const part of key.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g
    let match: RegExpExecArray | null
    while ((match = re.exec(part))) segments.push(match[2] !== undefined ? Number(match[2]) : match[1])
  }
  return segments
}

function applyPath(target: Record<string, any>, key: string, value: unknown): void {
  const segments = pathSegments(key)
  let node: any = target
  segments.forEach((segment, index) => {
    if (index === segments.length - 1) {
      node[segment] = value
      return
    }
    if (node[segment] === undefined || node[segment] === null) node[segment] = typeof segments[index + 1] === 'number' ? [] : {}
    node = node[segment]
  })
}

interface TreeNode {
  sid?: string
  uid?: string
  v?: string
  cn?: TreeNode[]
  [key: string]: unknown
}

/** All texts under a node in document order. */
function collectTexts(node: TreeNode | undefined, out: string[] = []): string[] {
  if (!node) return out
  if (typeof node.v === 'string' && node.v.trim()) out.push(node.v)
  for (const child of node.cn ?? []) collectTexts(child, out)
  return out
}

/** The chain of element nodes from the root to the first text node containing `text`. */
function pathToText(node: TreeNode, matches: (value: string) => boolean, trail: TreeNode[] = []): TreeNode[] | undefined {
  if (typeof node.v === 'string' && matches(node.v)) return trail
  for (const child of node.cn ?? []) {
    const found = pathToText(child, matches, [...trail, node])
    if (found) return found
  }
  return undefined
}

/**
 * Taro's base template binds each component attribute to a compressed data key
 * (`aria-label="{{i.p2||''}}"`), different per template. This map, read from the built
 * base.wxml / base.axml, lets tests ask for attributes by their real names.
 */
export type AttributeMap = Map<string, Map<string, string>>

export function readAttributeMap(distDir: string): AttributeMap {
  const file = ['base.wxml', 'base.axml'].map((name) => path.join(distDir, name)).find((candidate) => fs.existsSync(candidate))
  const map: AttributeMap = new Map()
  if (!file) return map
  const source = fs.readFileSync(file, 'utf8')
  // Focusable components have variants (tmpl_0_33_focus / tmpl_0_33_blur) behind a
  // dispatcher template; they bind the same attributes, so merge them under the node name.
  const templates = /<template name="tmpl_0_(\d+)(?:_\w+)?">\s*<[\w-]+([^>]*)>/g
  let template: RegExpExecArray | null
  while ((template = templates.exec(source))) {
    const attributes = map.get(template[1]) ?? new Map<string, string>()
    const bindings = /([\w:-]+)="\{\{(?:xs\.b\()?i\.(\w+)/g
    let binding: RegExpExecArray | null
    while ((binding = bindings.exec(template[2]))) attributes.set(binding[1], binding[2])
    map.set(template[1], attributes)
  }
  return map
}

export class MiniPage {
  readonly setDataCalls: SetDataCall[] = []
  readonly data: Record<string, any> = {}

  constructor(
    readonly route: string,
    readonly instance: Record<string, any>,
    private readonly harness: MiniApp,
  ) {}

  /** Root of the rendered tree (Taro keeps it under data.root). */
  get tree(): TreeNode | undefined {
    return this.data.root as TreeNode | undefined
  }

  texts(): string[] {
    return collectTexts(this.tree)
  }

  text(): string {
    return this.texts().join('\n')
  }

  /** Taps the element holding `text`, as a finger would: the event bubbles from it up. */
  async tap(text: string): Promise<void> {
    const tree = this.tree
    // An element whose text is exactly `text` wins over one that merely mentions it.
    const trail = tree && (pathToText(tree, (value) => value.trim() === text) ?? pathToText(tree, (value) => value.includes(text)))
    if (!trail) throw new Error(`No element with text "${text}" on ${this.route}. Texts: ${this.texts().join(' | ')}`)
    const elements = trail.filter((node) => node.sid).reverse()
    const target = elements[0]
    for (const element of elements) {
      const currentTarget = { id: element.sid, dataset: { sid: element.sid } }
      this.instance.eh({ type: 'tap', timeStamp: Date.now(), target: { id: target.sid, dataset: { sid: target.sid } }, currentTarget, detail: {}, mpEvent: undefined })
    }
    await this.harness.settle()
  }

  /** Fires a component event (e.g. a Switch's change) on the element holding `text`'s nearest `sid` owner. */
  async fire(sid: string, type: string, detail: unknown): Promise<void> {
    const currentTarget = { id: sid, dataset: { sid } }
    this.instance.eh({ type, timeStamp: Date.now(), target: currentTarget, currentTarget, detail })
    await this.harness.settle()
  }

  /** An attribute of a rendered node by its template name, e.g. `attr(node, 'aria-label')`. */
  attr(node: TreeNode, name: string): unknown {
    const key = this.harness.attributes.get(String(node.nn))?.get(name)
    return key === undefined ? undefined : node[key]
  }

  /** Finds nodes whose props match, e.g. `{ cl: 'gm-grid__item' }` (class is `cl` in Taro's tree). */
  find(predicate: (node: TreeNode) => boolean): TreeNode[] {
    const out: TreeNode[] = []
    const walk = (node: TreeNode | undefined) => {
      if (!node) return
      if (predicate(node)) out.push(node)
      node.cn?.forEach(walk)
    }
    walk(this.tree)
    return out
  }

  async show(): Promise<void> {
    this.instance.onShow?.call(this.instance)
    await this.harness.settle()
  }

  async hide(): Promise<void> {
    this.instance.onHide?.call(this.instance)
    await this.harness.settle()
  }

  async pullDownRefresh(): Promise<void> {
    this.instance.onPullDownRefresh?.call(this.instance)
    await this.harness.settle()
  }

  async unload(): Promise<void> {
    this.instance.onUnload?.call(this.instance)
    await this.harness.settle()
  }

  recordSetData(payload: Record<string, unknown>): void {
    this.setDataCalls.push({ payload, bytes: Buffer.byteLength(JSON.stringify(payload)), at: Date.now() })
    // A copy goes into the tree: later path updates must not rewrite the recorded payload.
    for (const [key, value] of Object.entries(payload)) applyPath(this.data, key, structuredClone(value))
  }
}

export class MiniApp {
  readonly calls: ApiCall[] = []
  readonly requests: FakeRequest[] = []
  readonly storage = new Map<string, unknown>()
  readonly pages: MiniPage[] = []
  private readonly pageOptions = new Map<string, Record<string, any>>()
  private appInstance: Record<string, any> | undefined
  private pending = new Set<Promise<unknown>>()
  /** Short timers the bundle has scheduled (retries, debounces): settle() waits for them. */
  private shortTimers = new Set<ReturnType<typeof setTimeout>>()
  private readonly trackedSetTimeout = (fn: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
    const id = setTimeout(() => {
      this.shortTimers.delete(id)
      fn(...args)
    }, ms)
    if (ms <= SHORT_TIMER_MS) this.shortTimers.add(id)
    // A page left open (its clock, its refresh) must not keep the test process alive.
    id.unref?.()
    return id
  }
  private readonly unrefSetInterval = (fn: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
    const id = setInterval(fn, ms, ...args)
    id.unref?.()
    return id
  }
  private readonly trackedClearTimeout = (id: ReturnType<typeof setTimeout>) => {
    this.shortTimers.delete(id)
    clearTimeout(id)
  }
  private readonly context: vm.Context
  private readonly moduleCache = new Map<string, { exports: unknown }>()
  private loadingRoute: string | undefined
  readonly distDir: string
  readonly global: Record<string, any>
  readonly attributes: AttributeMap

  constructor(readonly options: MiniHarnessOptions) {
    this.distDir = options.distDir ?? distOf(options.platform)
    if (!fs.existsSync(path.join(this.distDir, 'app.js'))) {
      throw new Error(`${this.distDir}/app.js is missing: build it first (npm run build:${options.platform})`)
    }
    this.attributes = readAttributeMap(this.distDir)
    for (const [key, value] of Object.entries(options.storage ?? {})) this.storage.set(key, value)
    this.global = this.createApi()
    const sandbox: Record<string, unknown> = {
      console,
      setTimeout: this.trackedSetTimeout,
      clearTimeout: this.trackedClearTimeout,
      setInterval: (...args: Parameters<typeof setInterval>) => this.unrefSetInterval(...(args as [(...a: unknown[]) => void, number])),
      clearInterval: (id: ReturnType<typeof setInterval>) => clearInterval(id),
      Promise,
      Date,
      App: (config: Record<string, any>) => {
        this.appInstance = config
      },
      Page: (config: Record<string, any>) => {
        if (!this.loadingRoute) throw new Error('Page() called outside a page module')
        this.pageOptions.set(this.loadingRoute, config)
      },
      Component: (config: Record<string, any>) => {
        if (this.loadingRoute) this.pageOptions.set(this.loadingRoute, config)
      },
      getApp: () => this.appInstance,
      getCurrentPages: () => this.pages.map((page) => page.instance),
      requirePlugin: (name: string) => options.plugins?.[name] ?? {},
    }
    sandbox[options.platform === 'weapp' ? 'wx' : 'my'] = this.global
    // Alipay's runtime reads navigator.userAgent; WeChat's does not need it.
    if (options.platform === 'alipay') sandbox.navigator = { userAgent: 'AlipayClient headless-test' }
    sandbox.globalThis = sandbox
    this.context = vm.createContext(sandbox)
  }

  /** The fake platform global. Unknown APIs answer success with an empty result. */
  private createApi(): Record<string, any> {
    const target: Record<string, any> = { ...this.defaultApis(), ...(this.options.api ?? {}) }
    const record = (name: string, fn: (...args: any[]) => unknown) => (...args: any[]) => {
      this.calls.push({ name, args })
      return fn(...args)
    }
    const wrapped: Record<string, any> = {}
    for (const [name, fn] of Object.entries(target)) wrapped[name] = typeof fn === 'function' ? record(name, fn as (...args: any[]) => unknown) : fn
    const faked = (prop: string | symbol) => typeof prop === 'string' && prop !== 'webpackJsonp' && prop !== 'taroEventCenter' && prop !== 'then'
    return new Proxy(wrapped, {
      // Taro only wraps APIs the global has (`name in wx`), so the fake has them all.
      has: (object, prop) => prop in object || faked(prop),
      get: (object, prop) => {
        if (typeof prop !== 'string') return undefined
        if (prop in object) return object[prop]
        // Chunk registry and Taro's own event centre must be real, not faked.
        if (prop === 'webpackJsonp' || prop === 'taroEventCenter' || prop === 'then') return undefined
        return record(prop, (options?: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
          const result = { errMsg: `${prop}:ok` }
          if (options && typeof options === 'object') {
            setTimeout(() => {
              options.success?.(result)
              options.complete?.(result)
            }, 0)
          }
          return undefined
        })
      },
      set: (object, prop, value) => {
        object[prop as string] = value
        return true
      },
    })
  }

  private async(fn: () => Promise<unknown>): void {
    const promise = fn().finally(() => this.pending.delete(promise))
    this.pending.add(promise)
  }

  private defaultApis(): Record<string, (...args: any[]) => unknown> {
    const weapp = this.options.platform === 'weapp'
    const request = (options: Record<string, any>) => {
      const headers = (weapp ? options.header : options.headers) ?? {}
      const fakeRequest: FakeRequest = { url: options.url, method: (options.method ?? 'GET').toUpperCase(), headers, body: options.data }
      this.requests.push(fakeRequest)
      this.async(async () => {
        try {
          const response = await this.options.onRequest(fakeRequest)
          const result = weapp
            ? { statusCode: response.status, data: response.body, header: response.headers ?? {}, errMsg: 'request:ok' }
            : { status: response.status, data: response.body, headers: response.headers ?? {} }
          // Alipay reports HTTP errors through fail with error 19 (see its my.request docs).
          if (!weapp && response.status >= 400) {
            options.fail?.({ error: 19, errorMessage: 'http status error', status: response.status, data: response.body, headers: response.headers ?? {} })
          } else {
            options.success?.(result)
          }
          options.complete?.(result)
        } catch {
          const failure = weapp ? { errMsg: 'request:fail network error' } : { error: 12, errorMessage: '网络出错' }
          options.fail?.(failure)
          options.complete?.(failure)
        }
      })
      return { abort: () => undefined }
    }
    const systemInfo = () => ({
      brand: 'headless', model: 'headless', pixelRatio: 2, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 724,
      statusBarHeight: 44, language: 'zh_CN', version: '8.0.50', system: 'iOS 17.0', platform: weapp ? 'devtools' : 'iOS', fontSizeSetting: 16, SDKVersion: '3.5.0',
      safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 },
    })
    const storage = this.storage
    // Taro wraps exactly the APIs it finds on the global (Object.keys), so the ones pages
    // use must be present as own properties; each answers success and is recorded.
    const succeed = (name: string) => (options?: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      setTimeout(() => {
        options?.success?.({ errMsg: `${name}:ok` })
        options?.complete?.({ errMsg: `${name}:ok` })
      }, 0)
    }
    const uiApis = Object.fromEntries(UI_APIS.map((name) => [name, succeed(name)]))
    return {
      ...uiApis,
      request,
      getSystemInfoSync: systemInfo,
      getWindowInfo: systemInfo,
      getAppBaseInfo: () => ({ ...systemInfo(), fontSizeScaleFactor: 1 }),
      getDeviceInfo: systemInfo,
      canIUse: () => true,
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      ...(weapp
        ? {
            login: (o: any) => setTimeout(() => o.success?.({ code: 'wx-login-code', errMsg: 'login:ok' }), 0),
            getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
            setStorageSync: (key: string, data: unknown) => void storage.set(key, data),
            removeStorageSync: (key: string) => void storage.delete(key),
            getNetworkType: (o: any) => setTimeout(() => o.success?.({ networkType: 'wifi', errMsg: 'getNetworkType:ok' }), 0),
          }
        : {
            getAuthCode: (o: any) => setTimeout(() => o.success?.({ authCode: 'alipay-auth-code' }), 0),
            getStorageSync: (o: { key: string }) => ({ data: storage.has(o.key) ? storage.get(o.key) : null }),
            setStorageSync: (o: { key: string; data: unknown }) => void storage.set(o.key, o.data),
            removeStorageSync: (o: { key: string }) => void storage.delete(o.key),
            getNetworkType: (o: any) => setTimeout(() => o.success?.({ networkAvailable: true, networkType: 'WIFI' }), 0),
          }),
    }
  }

  /** CommonJS `require` resolved inside dist, as the mini-program runtime does. */
  private requireFrom(fromDir: string) {
    return (request: string) => {
      let file = path.resolve(fromDir, request)
      if (!file.endsWith('.js')) file += '.js'
      return this.load(file)
    }
  }

  private load(file: string): unknown {
    const cached = this.moduleCache.get(file)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.moduleCache.set(file, module)
    const source = fs.readFileSync(file, 'utf8')
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, { filename: file })
    wrapper(this.requireFrom(path.dirname(file)), module, module.exports)
    return module.exports
  }

  /** Loads app.js and runs the app's launch lifecycle. */
  async launch(): Promise<void> {
    this.load(path.join(this.distDir, 'app.js'))
    if (!this.appInstance) throw new Error('app.js did not call App()')
    this.appInstance.onLaunch?.call(this.appInstance, { path: 'pages/home/index', query: {} })
    this.appInstance.onShow?.call(this.appInstance, { path: 'pages/home/index', query: {} })
    await this.settle()
  }

  /** Loads a page module, creates its instance and runs onLoad → onShow → onReady. */
  async openPage(route: string, query: Record<string, string> = {}): Promise<MiniPage> {
    if (!this.pageOptions.has(route)) {
      this.loadingRoute = route
      try {
        this.load(path.join(this.distDir, `${route}.js`))
      } finally {
        this.loadingRoute = undefined
      }
    }
    const options = this.pageOptions.get(route)
    if (!options) throw new Error(`${route}.js did not register a Page`)
    const instance: Record<string, any> = Object.create(null)
    for (const [key, value] of Object.entries(options)) instance[key] = typeof value === 'function' ? value : value
    // Component-based pages keep their methods under `methods`.
    Object.assign(instance, options.methods ?? {})
    instance.route = route
    instance.__route__ = route
    instance.options = query
    instance.data = JSON.parse(JSON.stringify(options.data ?? {}))
    const page = new MiniPage(route, instance, this)
    Object.assign(page.data, instance.data)
    instance.setData = (payload: Record<string, unknown>, callback?: () => void) => {
      page.recordSetData(payload)
      instance.data = page.data
      if (callback) setTimeout(callback, 0)
    }
    instance.$getAppWebViewId = () => 1
    this.pages.push(page)
    const lifecycles = options.methods && !options.onLoad ? options.methods : instance
    lifecycles.onLoad?.call(instance, query)
    await this.settle()
    lifecycles.onShow?.call(instance)
    lifecycles.onReady?.call(instance)
    await this.settle()
    return page
  }

  /**
   * Waits until no request is in flight and no short timer (≤ 2 s: retries, debounces) is
   * pending, as a citizen waits for the page to stop changing. Long timers (refresh
   * intervals) are not waited for; tests drive those explicitly.
   */
  async settle(budgetMs = 5000): Promise<void> {
    const deadline = Date.now() + budgetMs
    let quietRounds = 0
    while (Date.now() < deadline && quietRounds < 3) {
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (this.pending.size) await Promise.allSettled([...this.pending])
      quietRounds = this.pending.size || this.shortTimers.size ? 0 : quietRounds + 1
    }
  }

  callsOf(name: string): ApiCall[] {
    return this.calls.filter((call) => call.name === name)
  }
}

export async function bootMiniApp(options: MiniHarnessOptions): Promise<MiniApp> {
  const app = new MiniApp(options)
  await app.launch()
  return app
}
