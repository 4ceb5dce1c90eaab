import type { StoredSession } from '../../../server/identity/sessions/session-store'
import { sessionTimes } from '../../../server/identity/sessions/session-times'

const stored = (changes: Partial<StoredSession> = {}): StoredSession => ({
  accountId: 'a1',
  createdAt: '2026-12-06T08:00:00.000Z',
  idleExpiresAt: '2026-12-06T08:30:00.000Z',
  absoluteExpiresAt: '2026-12-06T20:00:00.000Z',
  verifiedAt: null,
  ...changes,
})

describe('session times, parsed once per stored copy', () => {
  test('the times of a copy as epoch milliseconds; no verification is undefined', () => {
    expect(sessionTimes(stored())).toMatchObject({
      idleExpiresAt: Date.parse('2026-12-06T08:30:00.000Z'),
      absoluteExpiresAt: Date.parse('2026-12-06T20:00:00.000Z'),
      verifiedAt: undefined,
    })
    expect(sessionTimes(stored({ verifiedAt: '2026-12-06T08:10:00.000Z' })).verifiedAt).toBe(Date.parse('2026-12-06T08:10:00.000Z'))
  })

  test('the same copy read again gives the same parse', () => {
    const copy = stored()
    expect(sessionTimes(copy)).toBe(sessionTimes(copy))
  })

  test('a copy whose texts change in place is parsed again, never answered from the old parse', () => {
    const copy = stored()
    const before = sessionTimes(copy)
    copy.idleExpiresAt = '2026-12-06T09:00:00.000Z'
    expect(sessionTimes(copy).idleExpiresAt).toBe(Date.parse('2026-12-06T09:00:00.000Z'))
    copy.verifiedAt = '2026-12-06T08:20:00.000Z'
    expect(sessionTimes(copy).verifiedAt).toBe(Date.parse('2026-12-06T08:20:00.000Z'))
    copy.absoluteExpiresAt = '2026-12-06T10:00:00.000Z'
    expect(sessionTimes(copy).absoluteExpiresAt).toBe(Date.parse('2026-12-06T10:00:00.000Z'))
    expect(before.idleExpiresAt).toBe(Date.parse('2026-12-06T08:30:00.000Z'))
  })
})
