/**
 * Runs one `taro build` quietly: Taro's progress bar writes thousands of lines to stderr,
 * so output is kept and shown (its end) only when the build fails.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

export type Target = 'weapp' | 'alipay' | 'h5'

/** `mode` selects `.env.<mode>` (Taro's --mode); without it Taro uses NODE_ENV's file. */
export function taroBuild(target: Target, env: Record<string, string>, mode?: string): void {
  const started = Date.now()
  const result = spawnSync('npx', ['taro', 'build', '--type', target, '--no-check', ...(mode ? ['--mode', mode] : [])], {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', ...env },
  })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').filter((line) => line.trim()).slice(-60).join('\n')
    throw new Error(`taro build --type ${target} failed:\n${output}`)
  }
  console.log(`Built ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}
