/**
 * The operator console (console/, built into dist/console) at /console/, from the same
 * process as the API. Files are served exactly like the H5 preview (compressed, hashed names
 * cached for a year, index.html revalidated: ../plugins/static.ts); any other page path under
 * /console/ answers index.html, so a deep link or a reload lands in the single-page app.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config'
import { REVALIDATE_CACHE_CONTROL, serveBuild } from '../plugins/static'

export const CONSOLE_PREFIX = '/console'

export interface ConsoleDeps {
  /** Only STATIC_DIR is read (see consoleDirFor); app.ts passes its usual deps. */
  config: Pick<Config, 'staticDir'>
  /** The console build; default consoleDirFor(config.staticDir). */
  dir?: string
}

/**
 * The console build sits beside the H5 preview (dist/h5 → dist/console), so STATIC_DIR also
 * says where the console is and a server without a preview (tests) has no console either.
 */
export function consoleDirFor(staticDir: string): string {
  return path.join(path.dirname(path.resolve(staticDir)), 'console')
}

export async function registerConsole(app: FastifyInstance, { config, dir }: ConsoleDeps): Promise<void> {
  const root = path.resolve(dir ?? consoleDirFor(config.staticDir))
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.info(`No console build at ${root}; run \`npx tsx scripts/build-console.ts\` to serve the operator console at ${CONSOLE_PREFIX}/`)
    return
  }
  await app.register(
    async (scope) => {
      await serveBuild(scope, root)
      scope.setNotFoundHandler(async (request, reply) => {
        // A missing file (assets/x.js, favicon.ico) stays a 404; a page path gets the app.
        const pathname = request.url.split('?')[0]!
        if ((request.method !== 'GET' && request.method !== 'HEAD') || path.posix.extname(pathname)) {
          return reply.code(404).type('text/plain; charset=utf-8').send('Not Found')
        }
        return reply.header('cache-control', REVALIDATE_CACHE_CONTROL).sendFile('index.html', root)
      })
    },
    { prefix: CONSOLE_PREFIX },
  )
}
