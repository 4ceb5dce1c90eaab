import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../src/contract/errors'
import { isFreeTextFormat, NO_CONTROL_CHARACTERS } from '../../src/contract/free-text'
import { isDatabaseUnavailable } from '../db/unavailable'
import { AppError } from '../errors'
import { controlCharacterMessage } from '../free-text'
import { securityHeaders, securityHeadersKindOf } from './security-headers'
import { sharedPlugin } from './shared-plugin'

/**
 * The one place where failures become HTTP answers, always `{ error: { code, message,
 * field?, rule?, requiredLevel?, currentLevel? } }` with a code from ERROR_CODES. Only
 * AppError messages (written for citizens) and validation details reach the client; any
 * other error text stays in the log.
 */
export const errorHandlerPlugin = sharedPlugin('error-handler', async (app) => {
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply))
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody('NOT_FOUND'))
  })
})

/**
 * For Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL, a
 * path parameter past its length limit). No hook runs for them, so the security headers are
 * set here.
 */
export function frameworkErrorHandler(production: boolean) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    void reply.headers(securityHeaders(production, securityHeadersKindOf(request.url)))
    sendError(error, request, reply)
  }
}

/**
 * For Fastify's `clientErrorHandler` option: errors of Node's HTTP parser, raised before there
 * is a request at all (request headers past the 16 KB limit → 431, bytes that are not HTTP →
 * 400, a request that does not arrive in time → 408). Fastify's default writes its own
 * `{ error, message, statusCode }`; this writes the app's error shape with the security
 * headers, then closes the connection as Node and Fastify do (the parser cannot go on).
 */
export function clientErrorHandler(production: boolean) {
  return function (this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
    // A reset connection is gone already: nothing to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const { status, body } = clientErrorResponse(error.code)
    this.log.info({ error: body.error, parserError: error.code }, 'client error')
    if (socket.writable) {
      const text = JSON.stringify(body)
      const headers: Record<string, string | number> = {
        // A JSON error, whatever was asked for.
        ...securityHeaders(production, 'api'),
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
        connection: 'close',
      }
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('\r\n')}\r\n\r\n${text}`)
    }
    socket.destroy(error)
  }
}

/** The answer to an HTTP parser error, by Node's error code. */
export function clientErrorResponse(code: string | undefined): ErrorResponse {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        body: errorBody('VALIDATION_FAILED', {
          message: '请求头过大，请重新登录或清除缓存后重试',
          field: 'headers',
          rule: 'maximum header size',
        }),
      }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, body: errorBody('REQUEST_TIMEOUT') }
    default:
      return { status: 400, body: errorBody('VALIDATION_FAILED', { message: '请求格式有误，无法识别，请检查后重试', field: 'request', rule: 'valid HTTP/1.1' }) }
  }
}

/** Seconds a client should wait before retrying a 503 (a dependency is down or recovering). */
const RETRY_AFTER_SECONDS = 30

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(error)
  if (status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ error: body.error }, 'request rejected')
  if (status === 503) {
    // Every route, not only those that ask: a client (or proxy) backs off, and nothing keeps
    // the outage answer (a route may have set a public cache-control before it failed).
    if (!reply.hasHeader('retry-after')) void reply.header('retry-after', String(RETRY_AFTER_SECONDS))
    void reply.header('cache-control', 'no-store')
  }
  void reply.code(status).send(body)
}

interface ErrorResponse {
  status: number
  body: ErrorBody
}

export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: errorBody(error.code, {
        message: error.message,
        field: error.field,
        rule: error.rule,
        requiredLevel: error.requiredLevel,
        currentLevel: error.currentLevel,
      }),
    }
  }
  const fastifyError = (error ?? {}) as Partial<FastifyError>
  if (fastifyError.validation?.[0]) {
    return { status: 400, body: validationBody(fastifyError.validation[0], fastifyError.validationContext) }
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: errorBody('VALIDATION_FAILED', { message: '提交的内容不是有效的 JSON，请检查后重试', field: 'body', rule: 'valid JSON' }),
      }
    case 'FST_ERR_BAD_URL':
      // Raised before routing (a path segment that is not valid percent-encoded UTF-8), so
      // which parameter it would have been is not known: the path parameters as a whole.
      return {
        status: 400,
        body: errorBody('VALIDATION_FAILED', { message: '链接中含有无法识别的字符，请检查后重试', field: 'params', rule: 'valid percent-encoded UTF-8' }),
      }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // 415 keeps HTTP semantics; the code table has no separate entry, and to a citizen
      // it is the same "fix what you sent" situation.
      return {
        status: 415,
        body: errorBody('VALIDATION_FAILED', {
          message: '不支持的提交格式，请以 JSON 提交',
          field: 'headers.content-type',
          rule: 'unsupported media type',
        }),
      }
  }
  // Other client errors raised by Fastify or its plugins (body too large, bad URL, …):
  // keep their status, answer with the catalogue message, never their own text.
  const status = fastifyError.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, body: errorBody(codeForStatus(status)) }
  if (status === 503) return { status, body: errorBody('SERVICE_UNAVAILABLE') }
  // The database is down or restarting: not a bug, and retrying later will work.
  if (isDatabaseUnavailable(error)) return { status: 503, body: errorBody('SERVICE_UNAVAILABLE') }
  return { status: 500, body: errorBody('INTERNAL') }
}

function codeForStatus(status: number): ErrorCode {
  const match = (Object.keys(ERROR_CODES) as ErrorCode[]).find((code) => ERROR_CODES[code].status === status)
  return match ?? 'VALIDATION_FAILED'
}

type ErrorDetails = Partial<Omit<ErrorBody['error'], 'code'>>

function errorBody(code: ErrorCode, details: ErrorDetails = {}): ErrorBody {
  const error: ErrorBody['error'] = { code, message: details.message ?? ERROR_CODES[code].message }
  if (details.field !== undefined) error.field = details.field
  if (details.rule !== undefined) error.rule = details.rule
  if (details.requiredLevel !== undefined) error.requiredLevel = details.requiredLevel
  if (details.currentLevel !== undefined) error.currentLevel = details.currentLevel
  return { error }
}

// --- validation errors -------------------------------------------------------------------------

const SCOPES: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' }

/** Turns ajv's first error into `body.title` / `query.limit` + `maximum 50` + a Chinese message. */
function validationBody(issue: FastifySchemaValidationError, context: string | undefined): ErrorBody {
  const params = issue.params as Record<string, unknown>
  const path = issue.instancePath
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
  // For these keywords ajv reports the parent object; the offending key is in params.
  const key = issue.keyword === 'required' ? params.missingProperty : issue.keyword === 'additionalProperties' ? params.additionalProperty : undefined
  if (typeof key === 'string') path.push(key)
  const field = [SCOPES[context ?? 'body'] ?? context, ...path].join('.')
  // A free-text field (src/contract/free-text.ts) with a control character: the rule's own name and words.
  if (issue.keyword === 'format' && isFreeTextFormat(params.format)) {
    return errorBody('VALIDATION_FAILED', { message: controlCharacterMessage(field), field, rule: NO_CONTROL_CHARACTERS })
  }
  const rule = ruleOf(issue.keyword, params)
  const message =
    issue.keyword === 'required'
      ? `缺少必填参数 ${field}`
      : issue.keyword === 'additionalProperties'
        ? `不支持参数 ${field}，请去掉后重试`
        : `参数 ${field} 不符合要求：${rule}`
  return errorBody('VALIDATION_FAILED', { message, field, rule })
}

/** The broken rule in schema terms, e.g. `maximum 50`, `type integer`, `enum a|b`. */
function ruleOf(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
    case 'maxProperties':
    case 'minProperties':
      return `${keyword} ${String(params.limit)}`
    case 'multipleOf':
      return `multipleOf ${String(params.multipleOf)}`
    case 'type':
      return `type ${String(params.type)}`
    case 'format':
      return `format ${String(params.format)}`
    case 'pattern':
      return `pattern ${String(params.pattern)}`
    case 'enum':
      return `enum ${(params.allowedValues as unknown[]).map(String).join('|')}`
    case 'const':
      return `const ${String(params.allowedValue)}`
    case 'additionalProperties':
      return 'additionalProperties false'
    default:
      return keyword
  }
}
