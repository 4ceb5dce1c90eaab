import aws4 from 'aws4'
import { assertStorageKey, type FileStorage } from './storage'

export interface S3Options {
  /** e.g. https://oss.example.gov.cn or http://127.0.0.1:9000 (path-style: /<bucket>/<key>). */
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** Per request; a storage that stops answering must not hold an upload forever. */
  timeoutMs?: number
}

/**
 * S3-compatible object storage over plain HTTP(S): PUT, GET and DELETE of one object, each
 * signed with AWS Signature Version 4 (the `aws4` package; the payload hash is signed too).
 * Path-style addressing, which MinIO, Ceph and the cloud vendors' S3 endpoints all accept.
 */
export function createS3Storage(options: S3Options): FileStorage {
  const endpoint = new URL(options.endpoint)
  const basePath = endpoint.pathname.replace(/\/$/, '')
  const credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }

  const send = async (method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string): Promise<Response> => {
    assertStorageKey(key)
    const path = `${basePath}/${options.bucket}/${key}`
    const headers: Record<string, string> = {}
    if (body) {
      headers['content-type'] = contentType ?? 'application/octet-stream'
      headers['content-length'] = String(body.length)
    }
    const signed = aws4.sign({ host: endpoint.host, path, method, service: 's3', region: options.region, headers, body }, credentials)
    return fetch(`${endpoint.protocol}//${endpoint.host}${path}`, {
      method,
      headers: signed.headers as Record<string, string>,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    })
  }

  const fail = async (what: string, response: Response): Promise<never> => {
    const text = (await response.text().catch(() => '')).slice(0, 200)
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? ''
    throw new Error(`object storage ${what} answered ${response.status}${code ? ` ${code}` : ''}`)
  }

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      const response = await send('PUT', key, bytes, contentType)
      if (!response.ok) await fail('PUT', response)
      await response.arrayBuffer()
    },
    async get(key) {
      const response = await send('GET', key)
      if (response.status === 404) {
        await response.arrayBuffer()
        return undefined
      }
      if (!response.ok) await fail('GET', response)
      return Buffer.from(await response.arrayBuffer())
    },
    async delete(key) {
      const response = await send('DELETE', key)
      // S3 answers 204 for a key that was never there too; 404 is tolerated for other servers.
      if (!response.ok && response.status !== 404) await fail('DELETE', response)
      await response.arrayBuffer()
    },
  }
}
