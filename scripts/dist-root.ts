/**
 * Where builds go and where the tests read them: dist/ unless BUILD_OUTPUT_ROOT moves the
 * whole tree (bench builds, or two people building from one checkout without overwriting
 * each other). config/index.ts, console/vite.config.mts and the build scripts read the same variable.
 */
import path from 'node:path'

export const REPO_ROOT = path.resolve(__dirname, '..')
export const DIST_ROOT = path.resolve(REPO_ROOT, process.env.BUILD_OUTPUT_ROOT || 'dist')
export const distOf = (target: string) => path.join(DIST_ROOT, target)
