import { HOME_POPULAR_COUNT } from '../../../src/contract/home/data'
import { demoServices } from '../../../server/seed-data/demo-services'
import { startCatalogueApp } from '../../support/catalogue'
import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'

const hidden = new Set(demoServices.filter((item) => item.status !== 'published').map((item) => item.code))

describe.each(dialects())('GET /api/home/services on $name', (dialect) => {
  const { app } = useDialectApp(dialect, startCatalogueApp)

  test('热门服务 are the most used published items, in the order of the catalogue list; public and cacheable', async () => {
    const home = await app.request('/api/home/services')
    expect(home.status).toBe(200)
    expect(home.headers.get('cache-control')).toBe('public, max-age=60')
    const list = (await app.request(`/api/services?limit=${HOME_POPULAR_COUNT}`)).body.items as { code: string; name: string; department: string }[]
    expect(home.body.popular).toEqual(list.map(({ code, name, department }) => ({ code, name, department })))
    expect(home.body.popular).toHaveLength(HOME_POPULAR_COUNT)
    for (const item of home.body.popular) expect(hidden.has(item.code)).toBe(false)
  })

  test('the most viewed item moves to the top', async () => {
    const before = (await app.request('/api/home/services')).body.popular as { code: string }[]
    const last = before[before.length - 1]!.code
    // Each guide open is a recorded view, which is what popularity counts.
    for (let i = 0; i < 30; i++) await app.request(`/api/services/${last}`)
    const after = (await app.request('/api/home/services')).body.popular as { code: string }[]
    expect(after[0]!.code).toBe(last)
  })

  test('一件事 are the life events with published items, each linking to the catalogue filtered by it', async () => {
    const home = (await app.request('/api/home/services')).body
    const facets = (await app.request('/api/services/facets')).body
    expect(home.lifeEvents).toEqual(facets.lifeEvents)
    expect(home.lifeEvents.length).toBeGreaterThan(0)
    for (const event of home.lifeEvents) {
      const filtered = await app.request(`/api/services?lifeEvent=${event.key}&limit=1`)
      expect({ key: event.key, total: filtered.body.total }).toEqual({ key: event.key, total: event.count })
    }
  })
})
