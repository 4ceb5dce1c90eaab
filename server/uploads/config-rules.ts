/**
 * Config rules of uploaded materials: where the files live (a local directory by default,
 * S3-compatible object storage when UPLOADS_S3_* are set, which several API nodes share),
 * how big they may be, the key that signs the short-lived read links and how long a finished
 * application keeps its files.
 */
import { randomBytes } from 'node:crypto'
import { isAbsolute, relative, resolve } from 'node:path'
import { readOrCreateKeyFile } from '../config/dev-key-file'
import type { Env } from '../config/rules'

export const DEV_UPLOAD_LINK_KEY_FILE = '.data/upload-link.key'

/** The development link-signing key (64 hex), made once in .data/ like the other dev keys. */
export function devUploadLinkKey(file: string = DEV_UPLOAD_LINK_KEY_FILE): string {
  return readOrCreateKeyFile(
    file,
    (text) => {
      const key = text.trim()
      if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`${file} is not a development upload link key file; delete it to start afresh`)
      return key
    },
    () => {
      const key = randomBytes(32).toString('hex')
      return { text: `${key}\n`, value: key }
    },
  )
}

/** A bucket name as S3 allows it (3-63 lower-case letters, digits, dots and hyphens). */
export const s3Bucket = {
  rule: 'be an S3 bucket name (3-63 lower-case letters, digits, "." and "-")',
  parse: (raw: string): string | undefined => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw) ? raw : undefined),
}

const S3_NAMES = ['UPLOADS_S3_ENDPOINT', 'UPLOADS_S3_BUCKET', 'UPLOADS_S3_ACCESS_KEY_ID', 'UPLOADS_S3_SECRET_ACCESS_KEY']

/**
 * S3 is on when all four are set (half a configuration is a mistake, not local storage);
 * the local directory must not be under the static directory, or files would be served
 * to anyone who guessed a name.
 */
export function uploadProblems(values: { uploadsDir?: unknown; staticDir?: unknown }, env: Env): string[] {
  const problems: string[] = []
  const missing = S3_NAMES.filter((name) => !env[name])
  if (missing.length > 0 && missing.length < S3_NAMES.length) {
    problems.push(`${missing.join(' and ')} must be set too: ${S3_NAMES.join(', ')} put uploaded materials in object storage together`)
  }
  if (typeof values.uploadsDir === 'string' && typeof values.staticDir === 'string' && isInside(values.uploadsDir, values.staticDir)) {
    problems.push(`UPLOADS_DIR must not be inside STATIC_DIR (${values.staticDir}): uploaded materials are private and never served as static files`)
  }
  return problems
}

function isInside(child: string, parent: string): boolean {
  const path = relative(resolve(parent), resolve(child))
  return path === '' || (!path.startsWith('..') && !isAbsolute(path))
}
