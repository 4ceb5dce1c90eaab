/**
 * Four projects, one run, one JSON report:
 *  unit   – stores, contract, platform adapters (jsdom)
 *  server – the backend through app.inject, on SQLite and on PostgreSQL when DATABASE_URL is set
 *  bundle – compiled weapp/alipay bundles booted headless (needs `npm run build:test`)
 *  e2e    – the H5 build in Chromium against the real backend
 * plus `static` – tsc and ESLint as tests, so a type error is a failed test.
 */
const common = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // `cookie` 2.x (pulled in by fastify's light-my-request, i.e. app.inject) ships only ESM.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  // `@/x` is `src/x` (same alias in tsconfig.json paths and config/index.ts for Taro's webpack).
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/unit/**/*.test.{ts,tsx}'],
    },
    { ...common, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/test/server/**/*.test.ts'] },
    { ...common, displayName: 'bundle', testEnvironment: 'node', testMatch: ['<rootDir>/test/bundle/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'static', testEnvironment: 'node', testMatch: ['<rootDir>/test/static/**/*.test.ts'] },
  ],
}
