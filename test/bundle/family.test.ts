/**
 * 亲情代办 in the compiled bundles: a helper whose family member consented picks them under
 * 为谁办理 at the top of 我的, and the health-code page then shows THAT person's code (colour,
 * masked name) under a banner naming them, every request carrying X-Acting-For; switching back
 * to 本人 shows the helper's own code without the banner or the header.
 */
import { COLOUR_WORDS } from '@/contract/health-code/data'
import type { HealthCode } from '@/contract/health-code/schemas'
import { maskName } from '../../server/privacy/masking'
import { startBundleBackend, type BundleBackend } from '../support/bundle-backend'
import { bootMiniApp } from '../support/mini-harness'
import { demoCitizen, sessionFor } from '../support/sessions'

let backend: BundleBackend
beforeAll(async () => {
  backend = await startBundleBackend()
}, 30_000)
afterAll(() => backend.close())

const MINE = 'pages/mine/index'
const HEALTH_CODE = 'packages/health-code/pages/code/index'

describe.each(['weapp', 'alipay'] as const)('%s 亲情代办', (platform) => {
  test('switch to the principal on 我的, see their health code under the banner; back to 本人', async () => {
    const helper = await sessionFor(backend.app, 'zhang-wei')
    const principal = await sessionFor(backend.app, 'wang-xiaoming')
    const asPrincipal = { authorization: `Bearer ${principal}` }
    const wang = demoCitizen('wang-xiaoming')
    const endsOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const invited = await backend.app.inject({ method: 'POST', url: '/api/delegations', headers: { authorization: `Bearer ${helper}` }, payload: { name: wang.name, idNumber: wang.idNumber, scopes: ['health_code'], endsOn } })
    expect(invited.statusCode).toBe(201)
    const id = invited.json().id as string
    expect((await backend.app.inject({ method: 'POST', url: `/api/delegations/${id}/consent`, headers: asPrincipal })).statusCode).toBe(200)
    const theirs = (await backend.app.inject({ url: '/api/health-code', headers: asPrincipal })).json() as HealthCode
    const principalName = maskName(wang.name)

    const app = await bootMiniApp({ platform, onRequest: backend.onRequest, storage: { 'session.token': helper } })
    const mine = await app.openPage(MINE)
    expect(mine.texts()).toEqual(expect.arrayContaining(['为谁办理', '本人', principalName]))
    await mine.tap(principalName)
    expect(mine.texts()).toContain(`正在为 ${principalName} 办理`)

    const code = await app.openPage(HEALTH_CODE)
    expect(code.texts()).toEqual(expect.arrayContaining([`正在为 ${principalName} 办理`, COLOUR_WORDS[theirs.colour], principalName, theirs.reason]))
    const codeRequests = app.requests.filter((request) => request.url.endsWith('/api/health-code'))
    expect(codeRequests.at(-1)?.headers['x-acting-for'] ?? codeRequests.at(-1)?.headers['X-Acting-For']).toBe(id)
    await code.unload()

    await mine.show()
    await mine.tap('本人')
    const own = await app.openPage(HEALTH_CODE)
    expect(own.texts()).toContain(maskName(demoCitizen('zhang-wei').name))
    expect(own.texts()).not.toContain(`正在为 ${principalName} 办理`)
    const last = app.requests.filter((request) => request.url.endsWith('/api/health-code')).at(-1)!
    expect(Object.keys(last.headers).map((name) => name.toLowerCase())).not.toContain('x-acting-for')
    await backend.app.inject({ method: 'POST', url: `/api/delegations/${id}/end`, headers: asPrincipal })
  })
})
