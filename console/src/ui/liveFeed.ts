/**
 * The dashboard's live feed: GET /api/operator/live as Server-Sent Events (the login set the
 * stream's HttpOnly cookie, since EventSource cannot send a header). EventSource reconnects
 * by itself; every reconnect starts with a fresh `snapshot`, so nothing is missed for long.
 */
import { useEffect, useState } from 'react'
import type { Dashboard, LiveActivity, MinuteCounts } from '../../../src/contract/console'

export type LiveState = 'connecting' | 'live' | 'reconnecting'

const KIND_FIELD: Partial<Record<LiveActivity['kind'], keyof Omit<MinuteCounts, 'minute'>>> = {
  view: 'views',
  search: 'searches',
  search_zero: 'searches',
  application_start: 'starts',
  application_submit: 'submissions',
}

/** Adds one citizen action to the snapshot: its minute's count, today's total, the recent list. */
export function apply(dashboard: Dashboard, activity: LiveActivity): Dashboard {
  const field = KIND_FIELD[activity.kind]
  let next = dashboard
  if (field) {
    const minuteStart = new Date(activity.at)
    minuteStart.setSeconds(0, 0)
    const key = minuteStart.getTime()
    let perMinute = dashboard.perMinute.map((minute) => (new Date(minute.minute).getTime() === key ? { ...minute, [field]: minute[field] + 1 } : minute))
    if (!perMinute.some((minute) => new Date(minute.minute).getTime() === key)) {
      perMinute = [...perMinute, { minute: minuteStart.toISOString(), views: 0, searches: 0, starts: 0, submissions: 0, [field]: 1 }].slice(-60)
    }
    next = { ...next, perMinute, totals: { ...next.totals, [field]: next.totals[field] + 1 } }
  }
  if (activity.kind === 'search_zero' && activity.query) {
    const existing = next.zeroResultSearches.find((entry) => entry.query === activity.query)
    const zeroResultSearches = existing
      ? next.zeroResultSearches.map((entry) => (entry === existing ? { ...entry, count: entry.count + 1, lastAt: activity.at } : entry))
      : [{ query: activity.query, count: 1, lastAt: activity.at }, ...next.zeroResultSearches]
    next = { ...next, zeroResultSearches }
  }
  return next
}

export function useLiveDashboard() {
  const [dashboard, setDashboard] = useState<Dashboard | null>(null)
  const [recent, setRecent] = useState<LiveActivity[]>([])
  const [state, setState] = useState<LiveState>('connecting')
  useEffect(() => {
    const source = new EventSource('/api/operator/live')
    source.addEventListener('open', () => setState('live'))
    source.addEventListener('error', () => setState('reconnecting'))
    source.addEventListener('snapshot', (event) => {
      setDashboard(JSON.parse((event as MessageEvent<string>).data) as Dashboard)
      setState('live')
    })
    source.addEventListener('activity', (event) => {
      const activity = JSON.parse((event as MessageEvent<string>).data) as LiveActivity
      setDashboard((current) => (current ? apply(current, activity) : current))
      setRecent((current) => [activity, ...current].slice(0, 20))
    })
    return () => source.close()
  }, [])
  return { dashboard, recent, state }
}
