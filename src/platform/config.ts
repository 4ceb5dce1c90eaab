/**
 * Build-time settings of the platform layer.
 *
 * Taro's DefinePlugin replaces the exact expression `process.env.TARO_APP_API_BASE` with a
 * string literal when the variable is defined for the build (Taro reads `TARO_APP_*` from
 * the `.env*` files, see @tarojs/helper dist/dotenv.js, or from `env` in config/). When it
 * is not defined the expression stays in the bundle, and mini-programs have no `process`
 * global, so reading it must not throw: hence the try/catch instead of `typeof process`
 * (which would defeat the substitution in the defined case).
 */
function readApiBaseFromBuild(): string | undefined {
  try {
    return process.env.TARO_APP_API_BASE
  } catch {
    return undefined
  }
}

/** '' or undefined means same origin (the H5 preview served by the API itself). */
export function normaliseApiBase(value: string | undefined): string {
  return (value ?? '').trim().replace(/\/+$/, '')
}

export const apiBase: string = normaliseApiBase(readApiBaseFromBuild())
