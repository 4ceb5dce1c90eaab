/** The API origin baked into the bundles the tests boot; the harness answers it with the real server. */
export const TEST_API_BASE = 'https://api.test.gov-mini.local'
