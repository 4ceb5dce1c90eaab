import type { FastifyPluginAsync } from 'fastify'

/**
 * Marks a plugin as not encapsulated, so what it decorates or sets (app.db, the error
 * handler, the shared ErrorBody schema) applies to the whole app. This is all that the
 * `fastify-plugin` package does for us; it is not a dependency, so we spell it out.
 */
export function sharedPlugin<Options extends Record<string, unknown>>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  })
}
