import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/database'
import { demoNotices } from '../../server/seed-data/demo-notices'
import type { TestServer } from '../support/http'
import { dialects, type TestDatabase } from '../support/dialects'
import { startApp } from '../support/server-app'

const newestFirst = [...demoNotices].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))

describe.each(dialects())('notices API on $name', (dialect) => {
  let testDb: TestDatabase
  let db: Kysely<Database>
  let server: TestServer

  beforeAll(async () => {
    testDb = await dialect.setup()
    db = testDb.open()
    server = await startApp({ config: testDb.config, db, seed: true })
  })
  afterAll(async () => {
    await server.close()
    await testDb.cleanup()
  })

  describe('GET /api/notices', () => {
    test('lists the 5 newest published notices by default, newest first', async () => {
      const response = await server.request('/api/notices')
      expect(response.status).toBe(200)
      expect(response.body.items.map((item: { title: string }) => item.title)).toEqual(newestFirst.slice(0, 5).map((notice) => notice.title))
      const [first] = response.body.items
      expect(Object.keys(first).sort()).toEqual(['department', 'id', 'publishedAt', 'summary', 'title'])
      expect(first.publishedAt).toBe(new Date(newestFirst[0]!.publishedAt).toISOString())
    })

    test('limit caps the number of items', async () => {
      expect((await server.request('/api/notices?limit=2')).body.items).toHaveLength(2)
      expect((await server.request('/api/notices?limit=50')).body.items).toHaveLength(demoNotices.length)
    })

    test('retired notices are not listed and have no detail page', async () => {
      const retired = await db
        .insertInto('notices')
        .values({ title: '已撤下的公告', summary: 's', body: 'b', department: '市政务服务管理局', published_at: '2027-01-01T00:00:00.000Z', status: 'retired' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const list = await server.request('/api/notices?limit=50')
      expect(list.body.items.map((item: { title: string }) => item.title)).not.toContain('已撤下的公告')
      expect((await server.request(`/api/notices/${retired.id}`)).status).toBe(404)
      await db.deleteFrom('notices').where('id', '=', retired.id).execute()
    })

    test.each([
      ['limit=0', 'query.limit', 'minimum 1'],
      ['limit=51', 'query.limit', 'maximum 50'],
      ['limit=abc', 'query.limit', 'type integer'],
      ['limit=2.5', 'query.limit', 'type integer'],
      ['limit=1&limit=2', 'query.limit', 'type integer'],
      ['page=2', 'query.page', 'additionalProperties false'],
    ])('?%s is refused with 400 naming %s and the rule', async (query, field, rule) => {
      const response = await server.request(`/api/notices?${query}`)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field, rule })
      expect(response.body.error.message).toContain(field)
    })

    test('the validation message is Chinese and names field and rule', async () => {
      const response = await server.request('/api/notices?limit=51')
      expect(response.body.error.message).toBe('参数 query.limit 不符合要求：maximum 50')
    })
  })

  describe('GET /api/notices/:id', () => {
    test('returns the full notice', async () => {
      const [newest] = (await server.request('/api/notices?limit=1')).body.items
      const response = await server.request(`/api/notices/${newest.id}`)
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ ...newest, body: newestFirst[0]!.body })
    })

    test.each(['999999', '2147483648', '99999999999999999999'])('an id that does not exist (%s) is 404 NOT_FOUND', async (id) => {
      const response = await server.request(`/api/notices/${id}`)
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('NOT_FOUND')
      expect(response.body.error.message).toContain('公告')
    })

    test.each([
      ['abc', 'type integer'],
      ['0', 'minimum 1'],
      ['-1', 'minimum 1'],
    ])('id %s is refused with 400 naming params.id', async (id, rule) => {
      const response = await server.request(`/api/notices/${id}`)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id', rule })
    })
  })
})
