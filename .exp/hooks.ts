import pino from 'pino'
import { baseEnv, sqliteDatabase } from '../bench/api/environment'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'
import { createDb } from '../server/db/create-db'
import { migrateToLatest } from '../server/db/migrator'
async function main() {
  const d = await sqliteDatabase()
  const config = loadConfig({ ...process.env, ...baseEnv(), ...d.env })
  const db = createDb(config.database)
  await migrateToLatest(db)
  const app = await buildApp({ config, db, logger: pino({ level: 'silent' }) })
  await app.ready()
  const out = app.printRoutes({ includeHooks: true, commonPrefix: false, includeMeta: false })
  const lines = out.split('\n'); const i = lines.findIndex((l) => /health-code \(GET/.test(l)); console.log(i, lines.length); console.log(lines.slice(Math.max(0,i), i + 40).join('\n'))
  await app.close(); await d.cleanup()
}
void main()
