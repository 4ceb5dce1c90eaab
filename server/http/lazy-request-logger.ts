import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'

type Bindings = Parameters<FastifyBaseLogger['child']>[0]
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>

/**
 * Fastify gives every request its own child logger (pino's `child`: the request id serialised
 * into it, its level methods set up) whether or not the request ever writes a line: about 2 µs
 * of a health code's ~45 (bench/RESULTS.md), and at LOG_LEVEL=warn most requests write none.
 * This factory hands out a stand-in that makes the real child on the first line that passes
 * the level, so what is written (bindings, redaction, serializers, destination) is exactly what
 * the real child writes; a line below the level is dropped without making it, as pino would
 * drop it. A logger without pino's level table (a test's own) always gets the real child.
 */
export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (logger, bindings, options) {
  return new LazyChild(logger, bindings, options) as unknown as FastifyBaseLogger
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'
type LevelTable = { levels?: { values?: Record<string, number> } }

class LazyChild {
  private real: FastifyBaseLogger | undefined

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.real?.level ?? this.options.level ?? this.parent.level
  }

  set level(level: string) {
    this.makeChild().level = level
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args)
  }
  error(...args: unknown[]): void {
    this.write('error', args)
  }
  warn(...args: unknown[]): void {
    this.write('warn', args)
  }
  info(...args: unknown[]): void {
    this.write('info', args)
  }
  debug(...args: unknown[]): void {
    this.write('debug', args)
  }
  trace(...args: unknown[]): void {
    this.write('trace', args)
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.makeChild().child(bindings, options)
  }

  isLevelEnabled(level: string): boolean {
    const values = (this.parent as LevelTable).levels?.values
    if (!values || values[level] === undefined || values[this.level] === undefined) return true
    return values[level] >= values[this.level]
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.real && !this.isLevelEnabled(level)) return
    ;(this.makeChild()[level] as (...line: unknown[]) => void)(...args)
  }

  private makeChild(): FastifyBaseLogger {
    return (this.real ??= this.parent.child(this.bindings, this.options))
  }
}
