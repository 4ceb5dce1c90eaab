/**
 * How the content audit asks whether a home-grid feature answers: one API request per
 * feature key of src/features.ts, run through the real app (app.inject) without a session.
 * The feature answers when the request is neither 404 (route gone) nor 5xx (broken); a
 * 401 / 403 from a route that needs a login is an answer. Where a feature is useless
 * without content (notices, the catalogue), `check` also asks for that content.
 *
 * A feature added to the grid needs a row here: without one the audit reports it.
 */
export interface FeatureProbe {
  url: string
  /** Why the answer is not good enough (undefined: fine); called for answered requests. */
  check?(status: number, body: unknown): string | undefined
}

const needs200 = (status: number) => (status === 200 ? undefined : `expected 200, got ${status}`)

export const FEATURE_PROBES: Readonly<Record<string, FeatureProbe>> = {
  'health-code': {
    url: '/api/health-code/keys',
    check: (status, body) => needs200(status) ?? (((body as { keys?: unknown[] }).keys ?? []).length > 0 ? undefined : 'no signing key published'),
  },
  'social-security': { url: '/api/social-security/overview' },
  certificates: { url: '/api/certificates/purposes', check: needs200 },
  services: {
    url: '/api/services?limit=1',
    check: (status, body) => needs200(status) ?? ((body as { total?: number }).total ? undefined : 'no published service item'),
  },
  applications: { url: '/api/applications' },
  notices: {
    url: '/api/notices?limit=1',
    check: (status, body) => needs200(status) ?? (((body as { items?: unknown[] }).items ?? []).length > 0 ? undefined : 'no published notice'),
  },
}
