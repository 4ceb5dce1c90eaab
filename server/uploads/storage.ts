/**
 * Where the bytes of uploaded materials live. One interface, two kinds: a local directory
 * (the default, one node) and S3-compatible object storage (several nodes share it). Keys are
 * opaque names the server makes (never a citizen's file name).
 */
import type { Config } from '../config'
import { createLocalStorage } from './local-storage'
import { createS3Storage } from './s3-storage'

export interface FileStorage {
  readonly kind: 'local' | 's3'
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** The bytes, or undefined when there is no such object (e.g. purged). */
  get(key: string): Promise<Buffer | undefined>
  /** Removing an object that is not there is not an error (the purge may run twice). */
  delete(key: string): Promise<void>
}

export function storageFromConfig(config: Config): FileStorage {
  if (config.uploadsS3Endpoint && config.uploadsS3Bucket && config.uploadsS3AccessKeyId && config.uploadsS3SecretAccessKey) {
    return createS3Storage({
      endpoint: config.uploadsS3Endpoint,
      bucket: config.uploadsS3Bucket,
      region: config.uploadsS3Region,
      accessKeyId: config.uploadsS3AccessKeyId,
      secretAccessKey: config.uploadsS3SecretAccessKey,
    })
  }
  return createLocalStorage(config.uploadsDir)
}

/** Keys are made by the server: letters, digits, "-", "_" and "/" between parts, nothing else. */
export function assertStorageKey(key: string): void {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(key)) throw new Error(`not a storage key: ${key}`)
}
