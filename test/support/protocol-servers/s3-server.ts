/**
 * A local S3-protocol server for the upload storage tests: path-style PUT / GET / DELETE of
 * objects (/<bucket>/<key>) held in memory, every request checked for an AWS Signature
 * Version 4 computed here from the spec (canonical request → string to sign → HMAC chain),
 * independently of the client's signing library, plus the signed payload hash against the
 * body actually received and the request time within 15 minutes. A bad signature answers
 * 403 SignatureDoesNotMatch as S3 does, and is counted, so tests can see requests were checked.
 */
import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface S3Scenario {
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

export interface RunningS3Server {
  baseUrl: string
  scenario: S3Scenario
  objects: Map<string, { body: Buffer; contentType: string }>
  /** Requests refused for their signature (or payload hash, or time). */
  refused: number
  /** Requests that passed the signature check. */
  verified: number
  /** Env for the app: UPLOADS_S3_* pointing here. */
  env(): Record<string, string>
  close(): Promise<void>
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()

/** RFC 3986 encoding as SigV4 wants it; S3 keeps "/" in the path. */
function uriEncode(text: string, keepSlash: boolean): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte)
      if (/[A-Za-z0-9_.~-]/.test(char) || (keepSlash && char === '/')) return char
      return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}

function canonicalQuery(search: URLSearchParams): string {
  return [...search.entries()]
    .map(([key, value]) => [uriEncode(key, false), uriEncode(value, false)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
}

/** Why the request's signature does not hold, or undefined when it does. */
export function sigV4Problem(request: IncomingMessage, body: Buffer, scenario: S3Scenario, now: Date): string | undefined {
  const authorization = request.headers.authorization ?? ''
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(authorization)
  if (!match) return 'malformed Authorization'
  const [, accessKeyId, day, region, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string]
  if (accessKeyId !== scenario.accessKeyId) return 'unknown access key'
  if (region !== scenario.region) return 'wrong region'
  const amzDate = String(request.headers['x-amz-date'] ?? '')
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== day) return 'bad x-amz-date'
  const at = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`)
  if (Math.abs(at - now.getTime()) > 15 * 60_000) return 'request time too skewed'
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '')
  if (payloadHash !== sha256(body)) return 'payload hash does not match the body'
  const names = signedHeaders.split(';')
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return 'required headers not signed'
  const url = new URL(request.url ?? '/', 'http://local')
  const canonicalHeaders = names.map((name) => `${name}:${String(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('')
  const canonicalRequest = [request.method, uriEncode(decodeURIComponent(url.pathname), true), canonicalQuery(url.searchParams), canonicalHeaders, signedHeaders, payloadHash].join('\n')
  const scope = `${day}/${region}/s3/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${scenario.secretAccessKey}`, day), region), 's3'), 'aws4_request')
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex')
  return expected === signature ? undefined : 'signature does not match'
}

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
}

export async function start(scenario: Partial<S3Scenario> = {}): Promise<RunningS3Server> {
  const full: S3Scenario = {
    bucket: 'gov-mini-uploads',
    region: 'cn-test-1',
    accessKeyId: 'AKIDLOCALTEST0001',
    secretAccessKey: 'local-secret-key-for-tests-only-0001',
    ...scenario,
  }
  const objects = new Map<string, { body: Buffer; contentType: string }>()
  const state = { refused: 0, verified: 0 }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const problem = sigV4Problem(request, body, full, new Date())
      if (problem) {
        state.refused += 1
        response.writeHead(403, { 'content-type': 'application/xml' }).end(xmlError('SignatureDoesNotMatch', problem))
        return
      }
      state.verified += 1
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname)
      const [, bucket, ...rest] = path.split('/')
      const key = rest.join('/')
      if (bucket !== full.bucket) {
        response.writeHead(404, { 'content-type': 'application/xml' }).end(xmlError('NoSuchBucket', 'no such bucket'))
        return
      }
      if (request.method === 'PUT') {
        objects.set(key, { body, contentType: String(request.headers['content-type'] ?? 'application/octet-stream') })
        response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end()
      } else if (request.method === 'GET') {
        const found = objects.get(key)
        if (!found) response.writeHead(404, { 'content-type': 'application/xml' }).end(xmlError('NoSuchKey', 'no such key'))
        else response.writeHead(200, { 'content-type': found.contentType, 'content-length': found.body.length }).end(found.body)
      } else if (request.method === 'DELETE') {
        objects.delete(key)
        response.writeHead(204).end()
      } else {
        response.writeHead(405).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  return {
    baseUrl,
    scenario: full,
    objects,
    get refused() {
      return state.refused
    },
    get verified() {
      return state.verified
    },
    env: () => ({
      UPLOADS_S3_ENDPOINT: baseUrl,
      UPLOADS_S3_BUCKET: full.bucket,
      UPLOADS_S3_REGION: full.region,
      UPLOADS_S3_ACCESS_KEY_ID: full.accessKeyId,
      UPLOADS_S3_SECRET_ACCESS_KEY: full.secretAccessKey,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
