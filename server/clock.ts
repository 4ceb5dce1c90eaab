/**
 * The current time, injectable: session timeouts, verification windows and retention are
 * all "now minus something", and tests move a fake clock instead of sleeping.
 */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()
