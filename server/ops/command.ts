/**
 * The frame every operator command shares (seed, purge, catalogue import…): the config or
 * exit 1 with every problem listed, then the command's own exit code, or exit 1 with
 * "<name> failed: <reason>" on an unexpected error — one line, no stack, for cron mail.
 */
import { ConfigError, loadConfig, type Config } from '../config'

export function configOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

export function runCommand(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    },
  )
}
