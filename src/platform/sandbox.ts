/**
 * Storage key under which the H5 dev sandbox login page keeps the chosen sandbox code.
 * Lives in its own file so every entry (weapp, alipay, h5) can re-export it without
 * pulling the H5 adapter into a mini-program bundle.
 */
export const SANDBOX_CODE_STORAGE_KEY = 'auth.sandboxCode'

/** The dev verifier's answer for the H5 preview's face step (server: AUTH_SANDBOX=1 only). */
export const SANDBOX_FACE_RESULT = 'sandbox-pass'
