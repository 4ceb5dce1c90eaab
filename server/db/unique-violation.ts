/**
 * Whether a database error is a unique-constraint violation, on either dialect: the way a
 * lost race on a "once only" insert shows itself (PostgreSQL SQLSTATE 23505, better-sqlite3
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). Callers turn it into their own 409.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
