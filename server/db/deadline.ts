/**
 * A database read that has a fallback (a cached copy) should not keep a citizen waiting
 * for a connection timeout: after `ms` the caller may answer from the copy instead. The
 * read itself goes on; a caller without a copy can still wait for it (a slow database is
 * not a down one), so the deadline is a distinct error.
 */
export class DeadlineExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`)
    this.name = 'DeadlineExceeded'
  }
}

export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(what, ms)), ms)
  })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}
