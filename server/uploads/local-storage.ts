import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { assertStorageKey, type FileStorage } from './storage'

/**
 * Files in a directory of this node (UPLOADS_DIR; the config refuses one under STATIC_DIR).
 * Written to a temporary name and renamed, so a reader never sees half a file; readable by
 * the server's user only.
 */
export function createLocalStorage(directory: string): FileStorage {
  const root = resolve(directory)
  const pathOf = (key: string) => {
    assertStorageKey(key)
    return join(root, key)
  }
  return {
    kind: 'local',
    async put(key, bytes) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`
      await writeFile(temporary, bytes, { mode: 0o600 })
      await rename(temporary, path)
    },
    async get(key) {
      try {
        return await readFile(pathOf(key))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
