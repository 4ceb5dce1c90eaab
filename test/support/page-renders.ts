/**
 * Boots every page of a compiled bundle, one fresh app per page, as a citizen who has just
 * opened it: logged in at real-name level 4, the real backend answering over a network with a
 * fixed latency. Records what crossed setData, for the render budgets (test/bundle/render-budgets.test.ts)
 * and `npm run bench:render`. Pages are read from the bundle's app.json, so a new page is
 * measured without anyone listing it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { distOf } from '../../scripts/dist-root'
import type { ApplicationForm } from '../../src/contract/applications/schemas'
import { fillApplicationForm, itemCodesIn } from './application-form'
import { lifeEventPackageId } from './life-events'
import type { BundleBackend } from './bundle-backend'
import { bootMiniApp, type MiniApp, type MiniPage, type MiniPlatform, type SetDataCall } from './mini-harness'


/**
 * Every request waits this long before the server answers, as on a phone. Without it the
 * in-process server answers before Taro's first flush and a loading state would never
 * reach setData, hiding a call a citizen's phone does make.
 */
export const NETWORK_LATENCY_MS = 30

/** The platforms' hard limit on one setData payload. */
export const SET_DATA_LIMIT_BYTES = 256 * 1024
/** Our budget for one setData payload of any page. */
export const SET_DATA_BUDGET_BYTES = 64 * 1024

export function distDirOf(platform: MiniPlatform): string {
  return distOf(platform)
}

/** Every page route of a built bundle: the main package's, then each subpackage's. */
export function pagesOf(distDir: string): string[] {
  const file = path.join(distDir, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the bundles first (npm run build:test)`)
  const app = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    subpackages?: { root: string; pages: string[] }[]
  }
  const subPackages = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))]
}

type Api = (url: string, request?: { method: 'POST'; headers?: Record<string, string>; body: unknown }) => Promise<{ status: number; body: any }>
type QueryFor = (api: Api) => Promise<Record<string, string>>

const firstItemId = (url: string, pick: (item: any) => boolean = () => true) => async (api: Api) => {
  const { status, body } = await api(url)
  const item = status === 200 ? (body.items as any[] | undefined)?.find(pick) : undefined
  if (!item) throw new Error(`no item from ${url} (status ${status}) to open a detail page with`)
  return String(item.id)
}
const validCertificateId = firstItemId('/api/certificates', (item) => item.status === 'valid')

/** The first catalogue item (its code), as the catalogue lists them. */
async function anyItemCode(api: Api): Promise<string> {
  const [code] = itemCodesIn((await api('/api/services')).body)
  if (!code) throw new Error('the catalogue lists no item to open a guide with')
  return code
}

/** An item the citizen can apply for online, and its form. */
async function onlineItem(api: Api): Promise<{ code: string; form: ApplicationForm }> {
  for (const code of itemCodesIn((await api('/api/services?limit=50')).body)) {
    const { status, body } = await api(`/api/services/${encodeURIComponent(code)}/application-form`)
    if (status === 200 && body.submitAllowed !== false) return { code, form: body as ApplicationForm }
  }
  throw new Error('no catalogue item offers an online application form')
}

/** One of the citizen's applications: the newest, or a new one submitted as the apply page would. */
async function applicationId(api: Api): Promise<string> {
  const mine = await api('/api/applications')
  if (mine.status === 200 && mine.body.items?.length) return String(mine.body.items[0].id)
  const { code, form } = await onlineItem(api)
  const submitted = await api('/api/applications', {
    method: 'POST',
    headers: { 'idempotency-key': `render-budgets-${Date.now()}` },
    body: { itemCode: code, values: fillApplicationForm(form.fields) },
  })
  if (submitted.status >= 300) throw new Error(`submitting an application to open it failed: ${submitted.status} ${JSON.stringify(submitted.body)}`)
  return String(submitted.body.id)
}

/** An item labelled 在线预约 that the demo halls serve (server/seed-data/demo-halls.ts). */
export const BOOKABLE_ITEM = 'SF-GA-0001'

/** One of the citizen's bookings still booked: the first, or a new one in the first free slot of the demo hall. */
async function appointmentId(api: Api): Promise<string> {
  const mine = await api('/api/appointments')
  const booked = mine.status === 200 ? (mine.body.items as any[]).find((item) => item.status === 'booked') : undefined
  if (booked) return String(booked.id)
  const hall = 'chengdong-police'
  const { body } = await api(`/api/appointments/slots?item=${BOOKABLE_ITEM}&hall=${hall}&days=14`)
  const day = (body.days as any[]).find((candidate) => candidate.slots.some((slot: any) => !slot.full))
  if (!day) throw new Error('no free slot in the demo hall to book')
  const slot = day.slots.find((candidate: any) => !candidate.full)
  const created = await api('/api/appointments', { method: 'POST', body: { itemCode: BOOKABLE_ITEM, hallId: hall, date: day.date, start: slot.start } })
  // Pages asked for at the same time: one booking won, the others open that one.
  if (created.status === 409 && created.body?.error?.code === 'APPOINTMENT_EXISTS') return appointmentId(api)
  if (created.status >= 300) throw new Error(`booking a slot to open it failed: ${created.status} ${JSON.stringify(created.body)}`)
  return String(created.body.id)
}

/**
 * Query parameters for pages that need them, taken from what the backend shows this citizen
 * (the demo data), as the page linking there would pass them. A page not listed opens with none.
 */
export const PAGE_QUERIES: Record<string, QueryFor> = {
  'packages/life-events/pages/guide/index': async () => ({ key: 'birth' }),
  'packages/life-events/pages/apply/index': async () => ({ key: 'birth' }),
  'packages/life-events/pages/progress/index': async (api) => ({ id: await lifeEventPackageId(api) }),
  'packages/notices/pages/detail/index': async (api) => ({ id: await firstItemId('/api/notices')(api) }),
  'packages/certificates/pages/detail/index': async (api) => ({ id: await validCertificateId(api) }),
  'packages/certificates/pages/ledger/index': async (api) => ({ id: await validCertificateId(api) }),
  'packages/certificates/pages/authorise/index': async (api) => ({ id: await validCertificateId(api) }),
  'packages/certificates/pages/authorisations/index': async (api) => ({ certificateId: await validCertificateId(api) }),
  'packages/services/pages/guide/index': async (api) => ({ code: await anyItemCode(api) }),
  'packages/applications/pages/apply/index': async (api) => ({ code: (await onlineItem(api)).code }),
  'packages/applications/pages/detail/index': async (api) => ({ id: await applicationId(api) }),
  'packages/applications/pages/rate/index': async (api) => ({ id: await applicationId(api) }),
  'packages/appointments/pages/book/index': async () => ({ item: BOOKABLE_ITEM }),
  'packages/appointments/pages/detail/index': async (api) => ({ id: await appointmentId(api) }),
  'packages/appointments/pages/cancel/index': async (api) => ({ id: await appointmentId(api) }),
}

export interface PageRender {
  platform: MiniPlatform
  route: string
  query: Record<string, string>
  /** setData calls from onLoad until the page settled. */
  calls: SetDataCall[]
  totalBytes: number
  largestBytes: number
  /** From onLoad to the first setData; undefined when nothing was rendered. */
  firstPayloadMs: number | undefined
  app: MiniApp
  page: MiniPage
}

export interface RenderOptions {
  platform: MiniPlatform
  backend: BundleBackend
  /** The citizen's session token, put in storage as a returning citizen's. */
  token: string
  distDir?: string
}

/** Opens one page in a freshly launched app and records its first render. */
export async function renderPage(route: string, options: RenderOptions): Promise<PageRender> {
  const { platform, backend, token } = options
  const query = PAGE_QUERIES[route] ? await PAGE_QUERIES[route](apiAs(backend, token)) : {}
  const app = await bootMiniApp({
    platform,
    distDir: options.distDir,
    storage: { 'session.token': token },
    onRequest: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, NETWORK_LATENCY_MS))
      return backend.onRequest(request)
    },
  })
  const openedAt = Date.now()
  const page = await app.openPage(route, query)
  const calls = [...page.setDataCalls]
  return {
    platform,
    route,
    query,
    calls,
    totalBytes: calls.reduce((sum, call) => sum + call.bytes, 0),
    largestBytes: Math.max(0, ...calls.map((call) => call.bytes)),
    firstPayloadMs: calls.length ? calls[0].at - openedAt : undefined,
    app,
    page,
  }
}

/**
 * What the page sends after its first render when a citizen keeps using it: back to it
 * (onShow), pull-down refresh, scrolling to the bottom (the next page of a list). Every
 * setData of these too must stay under the platforms' limit.
 */
export async function exercise(render: PageRender): Promise<SetDataCall[]> {
  const { app, page } = render
  const before = page.setDataCalls.length
  await page.hide()
  await page.show()
  await page.pullDownRefresh()
  if (typeof page.instance.onReachBottom === 'function') {
    page.instance.onReachBottom.call(page.instance)
    await app.settle()
  }
  return page.setDataCalls.slice(before)
}

function apiAs(backend: BundleBackend, token: string): Api {
  return async (url, request) => {
    const response = await backend.app.inject({
      url,
      method: request?.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...request?.headers },
      ...(request ? { payload: request.body as Record<string, unknown> } : {}),
    })
    return { status: response.statusCode, body: response.statusCode < 500 ? response.json() : undefined }
  }
}

/** The health-code page and how to tell, from one payload, that it put the code on screen. */
export const HEALTH_CODE_PAGE = 'packages/health-code/pages/code/index'
const HEALTH_CODE_CANVAS = '"health-code-qr"'

/** The setData calls up to and including the one that first rendered the health code. */
export function callsUntilCodeShows(calls: SetDataCall[]): SetDataCall[] | undefined {
  const index = calls.findIndex((call) => JSON.stringify(call.payload).includes(HEALTH_CODE_CANVAS))
  return index === -1 ? undefined : calls.slice(0, index + 1)
}
