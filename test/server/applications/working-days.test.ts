import { deadlineOf } from '../../../server/applications/deadline'
import { addWorkingDays, chinaDateOf, isWorkingDay, useWorkingCalendar, WEEKENDS_ONLY, workingDaysBetween } from '../../../server/applications/working-days'
import { loadCalendar } from '../../../server/calendar/repository'
import { migrateToLatest } from '../../../server/db/migrator'
import { dialects, type TestDatabase } from '../../support/dialects'

// The calendar counting uses is the database's (server/calendar): these tests count with the
// years the working-calendar migration seeds, loaded as the app loads them.
let testDb: TestDatabase
beforeAll(async () => {
  testDb = await dialects()[0]!.setup()
  const db = testDb.open()
  await migrateToLatest(db)
  useWorkingCalendar(await loadCalendar(db))
})
afterAll(async () => {
  useWorkingCalendar(WEEKENDS_ONLY)
  await testDb.cleanup()
})

describe('working days', () => {
  test('weekdays work, weekends do not', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true) // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false) // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false) // Sunday
  })

  test('2026 public holidays are off, including weekdays', () => {
    for (const day of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-20', '2026-02-23', '2026-04-06', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-05', '2026-10-07']) {
      expect([day, isWorkingDay(day)]).toEqual([day, false])
    }
  })

  test('2026 adjusted weekend working days (调休上班) are working days', () => {
    for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect([day, isWorkingDay(day)]).toEqual([day, true])
    }
  })

  test('2027 statutory holidays are off', () => {
    for (const day of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-05-01', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect([day, isWorkingDay(day)]).toEqual([day, false])
    }
    expect(isWorkingDay('2027-02-09')).toBe(true)
  })

  test('a limit counts from the day after acceptance; 0 is the same day', () => {
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30') // Monday → next Monday
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-28')
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30') // Friday → Monday
  })

  test('across the National Day holiday and its makeup Saturday', () => {
    // Accepted Tue 29 Sep: Wed 30 Sep is day 1, 1-7 Oct off, Thu 8 Oct day 2, Fri 9 day 3, Sat 10 (调休) day 4, Mon 12 day 5.
    expect(addWorkingDays('2026-09-29', 5)).toBe('2026-10-12')
    // Spring Festival: Fri 13 Feb → Sat 14 (调休) day 1, 15-23 off, Tue 24 day 2.
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24')
  })

  test('working days between two dates, signed', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5)
    expect(workingDaysBetween('2026-11-30', '2026-11-23')).toBe(-5)
    expect(workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0)
    expect(workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1)
  })

  test('dates are China dates', () => {
    expect(chinaDateOf(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28')
    expect(chinaDateOf(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27')
  })
})

describe('deadline text', () => {
  const accepted = { status: 'accepted' as const, timeLimitDays: 5, dueOn: '2026-11-30', finishedAt: null }

  test('before acceptance only the promise is stated', () => {
    const deadline = deadlineOf({ status: 'submitted', timeLimitDays: 5, dueOn: null, finishedAt: null }, new Date('2026-11-23T02:00:00Z'))
    expect(deadline).toMatchObject({ workingDaysLeft: null, overdue: false, deadlineText: '承诺 5 个工作日内办结，受理后开始计算' })
  })

  test('counts down, says when today is the last day, then how late it is', () => {
    expect(deadlineOf(accepted, new Date('2026-11-25T02:00:00Z'))).toMatchObject({ workingDaysLeft: 3, overdue: false, deadlineText: '承诺 5 个工作日内办结，还剩 3 个工作日' })
    expect(deadlineOf(accepted, new Date('2026-11-30T02:00:00Z'))).toMatchObject({ workingDaysLeft: 0, overdue: false, deadlineText: '承诺 5 个工作日内办结，今天是最后一天' })
    expect(deadlineOf(accepted, new Date('2026-12-02T02:00:00Z'))).toMatchObject({ workingDaysLeft: -2, overdue: true, deadlineText: '已超过承诺时限 2 个工作日' })
  })

  test('finished applications say when', () => {
    const done = deadlineOf({ status: 'completed', timeLimitDays: 5, dueOn: '2026-11-30', finishedAt: '2026-11-27T03:00:00Z' }, new Date('2026-12-10T02:00:00Z'))
    expect(done).toMatchObject({ overdue: false, workingDaysLeft: null, deadlineText: '已于 2026年11月27日 办结' })
    const late = deadlineOf({ status: 'denied', timeLimitDays: 5, dueOn: '2026-11-30', finishedAt: '2026-12-02T03:00:00Z' }, new Date('2026-12-10T02:00:00Z'))
    expect(late.deadlineText).toBe('已于 2026年12月2日 办结（不予许可）（超过承诺时限 2 个工作日）')
  })
})
