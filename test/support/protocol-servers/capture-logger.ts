/** A real pino logger whose output lines are kept in memory, to assert what was (not) logged. */
import pino from 'pino'

export interface CapturedLogger {
  logger: pino.Logger
  /** Every line pino wrote (JSON text). */
  lines: string[]
  /** The parsed entries. */
  entries(): Array<Record<string, any>>
  /** All output as one string, for "never contains" checks. */
  text(): string
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = []
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line.trimEnd()) })
  return {
    logger,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, any>),
    text: () => lines.join('\n'),
  }
}
