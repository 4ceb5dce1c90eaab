/**
 * The dashboard's live feed: GET /api/operator/live as Server-Sent Events (the login set the
 * stream's HttpOnly cookie, since EventSource cannot send a header). EventSource reconnects
 * by itself; every reconnect starts with a fresh `snapshot`, so nothing is missed for long.
 */
import { useEffect, useState } from 'react'
import type { Dashboard, LiveActivity, MinuteCounts } from '../../../src/contract/console/schemas'
import { session } from '../session'

export type LiveState = 'connecting' | 'live' | 'reconnecting'

const KIND_FIELD: Partial<Record<LiveActivity['kind'], keyof Omit<MinuteCounts, 'minute'>>> = {
  view: 'views',
  search: 'searches',
  search_zero: 'searches',
  application_start: 'starts',
  application_submit: 'submissions',
}

/** Adds one citizen action to the snapshot: its minute's count, today's total, top services, zero-result searches. */
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
  if (activity.kind === 'view' && activity.serviceCode) {
    const code = activity.serviceCode
    const known = next.topServices.some((service) => service.code === code)
    const topServices = (known ? next.topServices.map((service) => (service.code === code ? { ...service, views: service.views + 1 } : service)) : [...next.topServices, { code, name: activity.serviceName ?? code, views: 1 }])
      .sort((a, b) => b.views - a.views)
      .slice(0, Math.max(10, next.topServices.length))
    next = { ...next, topServices }
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

export interface LiveHandlers {
  open: () => void
  broken: () => void
  snapshot: (dashboard: Dashboard) => void
  activity: (activity: LiveActivity) => void
}

/**
 * EventSource first (it reconnects by itself). Should it fail before its first event (the
 * session cookie missing, e.g. a console opened before an upgrade), the same stream is read
 * with fetch and the bearer token, reconnecting after 2 s whenever it ends.
 */
export function connectLive(handlers: LiveHandlers, token: () => string | null): () => void {
  let closed = false
  let fallbackStop: (() => void) | null = null
  let gotEvent = false
  const source = new EventSource('/api/operator/live')
  source.addEventListener('open', handlers.open)
  source.addEventListener('snapshot', (event) => {
    gotEvent = true
    handlers.snapshot(JSON.parse((event as MessageEvent<string>).data) as Dashboard)
  })
  source.addEventListener('activity', (event) => handlers.activity(JSON.parse((event as MessageEvent<string>).data) as LiveActivity))
  source.addEventListener('error', () => {
    handlers.broken()
    if (gotEvent || closed || fallbackStop) return
    source.close()
    fallbackStop = streamWithFetch(handlers, token)
  })
  return () => {
    closed = true
    source.close()
    fallbackStop?.()
  }
}

function streamWithFetch(handlers: LiveHandlers, token: () => string | null): () => void {
  let stopped = false
  let controller = new AbortController()
  const run = async () => {
    while (!stopped) {
      controller = new AbortController()
      try {
        const response = await fetch('/api/operator/live', { headers: { accept: 'text/event-stream', authorization: `Bearer ${token() ?? ''}` }, signal: controller.signal })
        if (!response.ok || !response.body) throw new Error(String(response.status))
        handlers.open()
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end), handlers)
            buffer = buffer.slice(end + 2)
          }
        }
      } catch {
        // Aborted, refused or cut: try again shortly (below).
      }
      if (stopped) return
      handlers.broken()
      await new Promise((resolve) => setTimeout(resolve, 2000))
    }
  }
  void run()
  return () => {
    stopped = true
    controller.abort()
  }
}

/** One SSE message: `event:` and `data:` lines; comments (keep-alives) have neither. */
function dispatch(message: string, handlers: LiveHandlers): void {
  let event = 'message'
  const data: string[] = []
  for (const line of message.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
  }
  if (!data.length) return
  if (event === 'snapshot') handlers.snapshot(JSON.parse(data.join('\n')) as Dashboard)
  else if (event === 'activity') handlers.activity(JSON.parse(data.join('\n')) as LiveActivity)
}

export function useLiveDashboard() {
  const [dashboard, setDashboard] = useState<Dashboard | null>(null)
  const [recent, setRecent] = useState<LiveActivity[]>([])
  const [state, setState] = useState<LiveState>('connecting')
  useEffect(
    () =>
      connectLive(
        {
          open: () => setState('live'),
          broken: () => setState('reconnecting'),
          snapshot: (snapshot) => {
            setDashboard(snapshot)
            setState('live')
          },
          activity: (activity) => {
            setDashboard((current) => (current ? apply(current, activity) : current))
            setRecent((current) => [activity, ...current].slice(0, 20))
          },
        },
        session.token,
      ),
    [],
  )
  return { dashboard, recent, state }
}
