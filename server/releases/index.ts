import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { ReleaseLogSchema, type ReleaseLog } from '../../src/contract/console/schemas'
import { CONSOLE_ACCESS } from '../../src/contract/console/data'
import type { AppDeps } from '../deps'
import { noStore } from '../http/no-store'
import { withErrors } from '../http/with-errors'
import { requireRole } from '../plugins/require-role'
import { readReleaseLog } from './release-log'

/** Where scripts/release keeps its log: the repository's releases/ folder. */
export const RELEASES_DIR = path.resolve(__dirname, '../../releases')

/** 发布记录: the mini-programs' release history for admins (read-only; releases are made by scripts/release). */
export async function registerReleases(app: FastifyInstance, _deps: AppDeps, dir = RELEASES_DIR): Promise<void> {
  await app.register(async (scope) => {
    noStore(scope)
    scope.get<{ Reply: ReleaseLog }>(
      '/api/operator/releases',
      {
        preHandler: requireRole(scope, CONSOLE_ACCESS['GET /api/operator/releases'], '只有管理员可以查看发布记录'),
        schema: {
          summary: 'Release history of both mini-programs from releases/log.json, newest first, and the recorded preflight of the current build (admin)',
          tags: ['operator'],
          response: withErrors(ReleaseLogSchema, [401, 403]),
        },
      },
      async () => readReleaseLog(path.join(dir, 'log.json'), path.join(dir, 'preflight.json')),
    )
  })
}
