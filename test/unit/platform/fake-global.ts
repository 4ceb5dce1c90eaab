/**
 * A fake `wx` / `my` global for adapter tests. Each API is a jest.fn so the exact argument
 * object it received can be asserted. Callback APIs answer asynchronously (like the real
 * ones) by calling `success(res)` or `fail(err)`; sync APIs return a value.
 */
export type Outcome = { success: unknown } | { fail: unknown } | { never: true }

/** A callback API: decide the outcome from the argument object it was called with. */
export function callbackApi(decide: (args: any) => Outcome) {
  return jest.fn((args: any) => {
    const outcome = decide(args)
    Promise.resolve().then(() => {
      if ('success' in outcome) args.success(outcome.success)
      else if ('fail' in outcome) args.fail(outcome.fail)
    })
  })
}

export const succeeds = (res: unknown) => callbackApi(() => ({ success: res }))
export const fails = (err: unknown) => callbackApi(() => ({ fail: err }))

/** A callback API answering several calls in turn (for retry tests). */
export function inTurn(...outcomes: Outcome[]) {
  let call = 0
  return callbackApi(() => outcomes[Math.min(call++, outcomes.length - 1)])
}

/** Event registration pair that remembers listeners so the test can fire events. */
export function eventApi() {
  const listeners = new Set<(res: unknown) => void>()
  return {
    on: jest.fn((listener: (res: unknown) => void) => void listeners.add(listener)),
    off: jest.fn((listener: (res: unknown) => void) => void listeners.delete(listener)),
    fire: (res: unknown) => listeners.forEach((listener) => listener(res)),
    listeners,
  }
}

/** The argument object the n-th call of a fake API received, without its callbacks. */
export function argsOf(api: jest.Mock, call = 0): Record<string, unknown> {
  const { success: _success, fail: _fail, complete: _complete, ...rest } = api.mock.calls[call][0]
  return rest
}
