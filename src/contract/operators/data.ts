

/**
 * admin           – manages operators; may also do everything the other roles may
 * content_editor  – catalogue, notices, feedback replies
 * health_officer  – health statuses (single and batch)
 * reviewer        – application review, answers to bad ratings (rectifications)
 * verifier        – checkpoint staff; also grantable to citizens' platform accounts
 */
export const OPERATOR_ROLES = ['admin', 'content_editor', 'health_officer', 'reviewer', 'verifier'] as const

/** Lower case letters, digits, dot, underscore, hyphen; 3-32 characters. */
export const USERNAME_PATTERN = '^[a-z0-9._-]{3,32}$'

export const PASSWORD_MIN_LENGTH = 12

/** Bounded so a login cannot make the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 128
