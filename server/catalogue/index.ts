import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps'
import type { IdentityContext } from '../identity/context'
import { createCatalogue } from './catalogue'
import { homeRoutes } from './home-routes'
import { operatorEditorRoutes } from './operator-editor-routes'
import { operatorServiceRoutes } from './operator-routes'
import { serviceRoutes } from './routes'

/** The service catalogue (一网通办事项): guides, search and the home page's lists; operator import, publish and retire. */
export async function registerCatalogue(app: FastifyInstance, deps: AppDeps & { identity: IdentityContext }): Promise<void> {
  const { clock, identity } = deps
  const audit = (event: Parameters<typeof identity.audit.record>[0]) => identity.audit.record(event)
  const catalogue = createCatalogue({ db: app.db, clock, audit })
  await app.register(serviceRoutes, { catalogue })
  await app.register(homeRoutes, { catalogue })
  // Imports write thousands of rows: on the reports pool, with its longer timeouts.
  await app.register(operatorServiceRoutes, { catalogue: createCatalogue({ db: app.reportsDb, clock, audit }) })
  // The console's guide editor: findings, one guide replaced, publish / retire, aliases.
  await app.register(operatorEditorRoutes, { clock })
}
