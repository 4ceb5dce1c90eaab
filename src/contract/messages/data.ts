

export const MESSAGES_MAX_LIMIT = 50
