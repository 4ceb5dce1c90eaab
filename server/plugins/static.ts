import { existsSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'

export interface StaticPluginOptions {
  /** The H5 build (STATIC_DIR), relative to the working directory. */
  dir: string
}

/** API paths never fall through to files: an unknown /api route must answer JSON 404. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/')
}

/**
 * Taro's H5 build names every script, style and image after its content hash
 * (`js/app.8ad23e5e.js`, `css/app.8ad23e5eb38896e91647.css`, `static/images/x.1a2b3c4d.png`),
 * so such a file never changes under its name and may be kept for a year.
 */
const HASHED_FILE = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i

/** A year, immutable: the browser never asks again (a new build has new names). */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable'
/** index.html (and anything unhashed) names the current build: always revalidated (304 when unchanged). */
export const REVALIDATE_CACHE_CONTROL = 'no-cache'

export function cacheControlFor(filePath: string): string {
  // A precompressed copy (app.8ad23e5e.js.br) is cached as the file it encodes.
  return HASHED_FILE.test(basename(filePath).replace(/\.(br|gz)$/, '')) ? HASHED_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL
}

/**
 * Serves the H5 preview build at `/` when it exists, so one process serves app and API.
 * Compressed (brotli, else gzip) because the first load is ~630 KB of text and a citizen's
 * phone link may be slow: precompressed at build time where the build did it, else on the fly
 * (registered inside this plugin, so it applies to the files only).
 */
export const staticPlugin: FastifyPluginAsync<StaticPluginOptions> = async (app, { dir }) => {
  const root = resolve(dir)
  if (!isDirectory(root)) {
    app.log.info(`No H5 build at ${root}; run \`npm run build:h5\` to serve the H5 preview here`)
    return
  }
  await serveBuild(app, root)
}

/**
 * Serves a built web app's files from `root` at the prefix of the plugin `app` is (`/` here,
 * `/console` for the operator console: server/console), compressed and cached by name.
 * Call it inside an encapsulated plugin so compression applies to those files only.
 */
export async function serveBuild(app: FastifyInstance, root: string): Promise<void> {
  // Before the static routes: @fastify/compress attaches itself to routes as they are added.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'] })
  const preCompressed = isPrecompressed(root)
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // `/` is answered below: @fastify/static's own index lookup 404s when preCompressed is on.
    index: false,
    // A build that wrote .br and .gz copies at maximum compression (scripts/precompress.ts) is
    // sent as written; any other is compressed on the fly by @fastify/compress above.
    preCompressed,
    allowedPath: (pathname) => !isApiPath(pathname),
    // send's own header would be `public, max-age=0` for every file; ours depends on the name.
    cacheControl: false,
    setHeaders: (response, filePath) => {
      response.setHeader('cache-control', cacheControlFor(filePath))
      // The body depends on Accept-Encoding (a precompressed copy or not): caches must key on it.
      if (preCompressed) response.setHeader('vary', 'Accept-Encoding')
    },
  })
  app.get('/', (_request, reply) => reply.sendFile('index.html'))
}

export function isPrecompressed(root: string): boolean {
  return existsSync(resolve(root, 'index.html.br'))
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
