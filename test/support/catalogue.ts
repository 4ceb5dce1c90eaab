/**
 * Helpers for the service-catalogue suites: the real app on a test database (demo data
 * seeded or not, sandbox login on), a request helper with an optional bearer token, a
 * content editor's token, and a valid item to import with any part overridden.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { ServiceItemImport } from '../../src/contract/services/schemas'
import type { Database } from '../../server/db/database'
import { testConfig, type TestDatabase } from './dialects'
import type { RequestOptions, TestResponse, TestServer } from './http'
import { operatorTokenFor } from './operators'
import { startApp } from './server-app'
import { raisedRateLimits } from './rate-limits'

export interface CatalogueApp {
  server: TestServer & { app: FastifyInstance }
  app: FastifyInstance
  db: Kysely<Database>
  request(path: string, options?: RequestOptions & { token?: string }): Promise<TestResponse>
  /** POST /api/operator/services/import as a content editor. */
  importItems(items: unknown[]): Promise<TestResponse>
  editorToken(): Promise<string>
  close(): Promise<void>
}

export async function startCatalogueApp(testDb: TestDatabase, options: { seed?: boolean } = {}): Promise<CatalogueApp> {
  const config = testConfig({ ...testDb.env, AUTH_SANDBOX: '1', ...raisedRateLimits() })
  const db = testDb.open()
  const server = await startApp({ config, db, seed: options.seed ?? true })
  let editor: string | undefined
  const request: CatalogueApp['request'] = (path, requestOptions = {}) => {
    const { token, ...rest } = requestOptions
    return server.request(path, { ...rest, headers: { ...rest.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } })
  }
  const editorToken = async () => (editor ??= await operatorTokenFor(server.app, ['content_editor']))
  return {
    server,
    app: server.app,
    db,
    request,
    editorToken,
    importItems: async (items) => request('/api/operator/services/import', { method: 'POST', payload: items, token: await editorToken() }),
    close: () => server.close(),
  }
}

/** A complete, valid item (在线预约, published) with `overrides` applied. */
export function sampleItem(overrides: Partial<ServiceItemImport> & { code: string }): ServiceItemImport {
  return {
    name: `测试事项${overrides.code}`,
    aliases: [],
    department: '市测试局',
    audiences: ['personal'],
    category: '证件办理',
    lifeEvents: [],
    region: '示范市',
    legalBasis: '《中华人民共和国行政许可法》',
    conditions: ['本市居民'],
    materials: [{ name: '居民身份证', copies: 1, form: '原件', certificateType: 'resident_id_card' }],
    fees: '不收费',
    timeLimitDays: 5,
    onlineLevel: 'appointment',
    counterAddress: '示范市政务服务中心一楼',
    counterHours: '工作日 9:00-17:00',
    contactPhone: '0999-12345',
    faq: [{ question: '要多久？', answer: '5个工作日。' }],
    status: 'published',
    ...overrides,
  }
}

/** A valid application form: name and ID number locked from the population registry. */
export const sampleForm: NonNullable<ServiceItemImport['formSchema']> = {
  fields: [
    { key: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: { source: 'population.name', locked: true } },
    { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, prefill: { source: 'population.id_number', locked: true } },
    { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: { source: 'population.phone', locked: false } },
  ],
}
