

export const DEFAULT_WINDOW_DAYS = 30

export const MAX_WINDOW_DAYS = 366

export const DEFAULT_DEAD_DAYS = 30

export const DEFAULT_TOP = 10

/** An application submitted this long after the form was opened still counts as that start's. */
export const ABANDON_AFTER_HOURS = 24
