import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'

export interface StaticPluginOptions {
  /** The H5 build (STATIC_DIR), relative to the working directory. */
  dir: string
}

/** API paths never fall through to files: an unknown /api route must answer JSON 404. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/')
}

/** Serves the H5 preview build at `/` when it exists, so one process serves app and API. */
export const staticPlugin: FastifyPluginAsync<StaticPluginOptions> = async (app, { dir }) => {
  const root = resolve(dir)
  if (!isDirectory(root)) {
    app.log.info(`No H5 build at ${root}; run \`npm run build:h5\` to serve the H5 preview here`)
    return
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: 'index.html',
    allowedPath: (pathname) => !isApiPath(pathname),
  })
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
