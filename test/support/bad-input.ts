/**
 * The bad-input corpus: for every operation of the app's OpenAPI document, requests built
 * from the operation's own schemas (body, path parameters, querystring, headers) that are
 * wrong in one place each: wrong types, missing required fields, extra fields, strings past
 * maxLength and of 1 MB, unicode edge cases and control characters (C0, C1, bidirectional
 * overrides and isolates), values nested 4,000 levels deep, SQL and script payloads,
 * negative / fractional / huge numbers, values outside an enum, malformed JSON, the wrong
 * content-type, malformed Authorization headers. Each case starts from a valid request (values generated from the
 * schema) so the one mutation is what the server sees first; the cases are sent through
 * app.inject with a valid session for the route (see `credentialFor`), so validation and,
 * for hostile but well-formed values, the handler itself are reached.
 *
 * Shared by test/server/resilience/bad-input.test.ts (asserts) and bench/bad-input.ts
 * (prints the table per route).
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { controlCharacterIn, FREE_TEXT_FORMATS, isFreeTextFormat } from '../../src/contract/free-text'
import { idCheckCharacter } from '../../src/contract/id-number'
import { operatorTokenFor } from './operators'
import { sessionFor } from './sessions'

// --- the OpenAPI document ----------------------------------------------------------------------

export interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  patternProperties?: Record<string, Schema>
  items?: Schema
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  default?: unknown
}

interface Parameter {
  in: 'path' | 'query' | 'header'
  name: string
  required?: boolean
  schema: Schema
}

interface Operation {
  summary?: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content?: Record<string, { schema: Schema }> }
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>
}

export interface Route {
  method: string
  /** OpenAPI form: /api/applications/{id} */
  path: string
  /** `POST /api/applications/{id}/withdraw` */
  name: string
  operation: Operation
}

export async function openApiDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
  if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`)
  return response.json() as OpenApiDocument
}

export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, name: `${method.toUpperCase()} ${path}`, operation })),
  )
}

// --- who sends the requests ----------------------------------------------------------------------

/**
 * The session a route's cases are sent with, so the route's own checks come after validation:
 *   - operator routes: an admin (admins pass every role check);
 *   - real-name verification: a level-1 citizen (the step is for the unverified);
 *   - the logins: nobody;
 *   - routes that end the session they are called with: a fresh session per case;
 *   - every other route: 欧阳明月 at level 4, who also holds the verifier role.
 */
export type Credential = 'none' | 'citizen' | 'unverified-citizen' | 'operator' | 'fresh-citizen' | 'fresh-operator'

const CREDENTIAL_OVERRIDES: Record<string, Credential> = {
  'POST /api/auth/login': 'none',
  'POST /api/operator/login': 'none',
  'POST /api/auth/logout': 'fresh-citizen',
  'POST /api/operator/logout': 'fresh-operator',
  'POST /api/operator/me/password': 'fresh-operator',
  'POST /api/identity/real-name': 'unverified-citizen',
}

export function credentialFor(route: Pick<Route, 'name' | 'path'>): Credential {
  const override = CREDENTIAL_OVERRIDES[route.name]
  if (override) return override
  return route.path.startsWith('/api/operator/') || route.path.startsWith('/api/ops/') ? 'operator' : 'citizen'
}

export const VERIFIER_CITIZEN = 'ouyang-mingyue'
const UNVERIFIED_CITIZEN = 'li-na'

export interface TokenSource {
  get(credential: Credential): Promise<string | undefined>
  /** After a case: a session a `fresh-*` case may have ended is replaced before the next one. */
  afterCase(credential: Credential): Promise<void>
}

/** Hands out bearer tokens per credential, one session each, renewed when a case ended it. */
export function tokenSource(app: FastifyInstance): TokenSource {
  const cached = new Map<Credential, Promise<string>>()
  const make: Record<Exclude<Credential, 'none'>, () => Promise<string>> = {
    citizen: () => sessionFor(app, VERIFIER_CITIZEN, 4),
    'unverified-citizen': () => sessionFor(app, UNVERIFIED_CITIZEN, 1),
    operator: () => operatorTokenFor(app, ['admin']),
    'fresh-citizen': () => sessionFor(app, VERIFIER_CITIZEN, 1),
    'fresh-operator': () => operatorTokenFor(app, ['admin']),
  }
  const stillValid: Partial<Record<Credential, string>> = { 'fresh-citizen': '/api/me', 'fresh-operator': '/api/operator/me' }
  return {
    async get(credential) {
      if (credential === 'none') return undefined
      if (!cached.has(credential)) cached.set(credential, make[credential]())
      return cached.get(credential)
    },
    async afterCase(credential) {
      const check = stillValid[credential]
      if (!check || !cached.has(credential)) return
      const response = await app.inject({ method: 'GET', url: check, headers: { authorization: `Bearer ${await cached.get(credential)}` } })
      if (response.statusCode !== 200) cached.delete(credential)
    },
  }
}

// --- valid values from a schema ------------------------------------------------------------------

const first17 = '11010819800101777'
/** Example values for the patterns the contract uses; a new pattern without one gets 'a' (the case then only checks the scope of the field named). */
const PATTERN_EXAMPLES: Record<string, string> = {
  '^[\\u4e00-\\u9fa5·]+$': '张伟',
  '^[0-9]{17}[0-9Xx]$': first17 + idCheckCharacter(first17),
  '^[a-z0-9._-]{3,32}$': 'op.corpus',
  '^[0-9]{4}-(0[1-9]|1[0-2])$': '2025-01',
  '^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$': 'ABCD-EFGH-JKLM',
  '^[A-Za-z]+$': 'name',
  '^[A-Za-z0-9_-]{22}$': 'AAAAAAAAAAAAAAAAAAAAAA',
  '^[0-9A-HJ-NPQRTUWXY]{18}$': '91110000100000000X'.replace('X', '0'),
  '^[A-Za-z0-9_-]+$': 'abc',
  '^[A-Za-z0-9_-]{16,128}$': 'corpus-key-0000000001',
  // Working calendar entries (PUT /api/operator/calendar/:year): a real date; the year's own rule comes after the schema.
  '^\\d{4}-\\d{2}-\\d{2}$': '2027-01-01',
  // 在线预约: a slot's start (HH:MM) and a hall id.
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': '09:00',
  '^[a-z0-9-]+$': 'chengdong-police',
  // 办理结果: a PDF link's expiry and signature, an EMS waybill number, a mainland mobile.
  '^[0-9]{1,12}$': '4102444800',
  '^[A-Za-z0-9_-]{43}$': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  '^([A-Za-z]{2}[0-9]{9}[A-Za-z]{2}|[0-9]{13})$': 'EA123456789CN',
  '^1[3-9][0-9]{9}$': '13800000000',
  // 申请材料: who an upload's signed link was made for (a. account / o. operator).
  '^[ao]\\.[A-Za-z0-9_-]+$': 'a.corpus-reader',
}

function branches(schema: Schema): Schema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema]
}

function typesOf(schema: Schema): string[] {
  const own = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  const nested = (schema.anyOf ?? schema.oneOf ?? []).flatMap(typesOf)
  return [...new Set([...own, ...nested])]
}

export function validValue(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const
  if (schema.enum?.length) return schema.enum[0]
  if (schema.anyOf || schema.oneOf) return validValue(branches(schema).find((branch) => branch.type !== 'null') ?? branches(schema)[0]!)
  switch (typesOf(schema).find((type) => type !== 'null')) {
    case 'string':
      return validString(schema)
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1)
      return schema.maximum !== undefined ? Math.min(low, schema.maximum) : low
    }
    case 'boolean':
      return true
    case 'array': {
      const count = schema.minItems ?? 0
      const options = schema.items?.enum ?? branches(schema.items ?? {}).flatMap((branch) => branch.enum ?? (branch.const !== undefined ? [branch.const] : []))
      if (schema.uniqueItems && options.length >= count) return options.slice(0, count)
      return Array.from({ length: count }, () => validValue(schema.items ?? {}))
    }
    case 'object':
      return Object.fromEntries((schema.required ?? []).filter((key) => schema.properties?.[key]).map((key) => [key, validValue(schema.properties![key]!)]))
    default:
      return 'a'
  }
}

function validString(schema: Schema): string {
  if (schema.format === 'uuid') return randomUUID()
  if (schema.format === 'date-time') return new Date().toISOString()
  if (schema.format === 'date') return '2026-12-01'
  let text = schema.pattern !== undefined ? (PATTERN_EXAMPLES[schema.pattern] ?? 'a') : '测试内容'
  const min = schema.minLength ?? 0
  while ([...text].length < min) text += schema.pattern === undefined ? '测试内容' : text
  return schema.maxLength !== undefined ? [...text].slice(0, Math.max(schema.maxLength, min)).join('') : text
}

// --- what is certainly invalid -------------------------------------------------------------------

/** True only when the schema certainly refuses `value` as Fastify's ajv (coerceTypes: 'array') sees it. */
function certainlyInvalid(schema: Schema, value: unknown): boolean {
  const options = branches(schema)
  if (options.length > 1) return options.every((branch) => certainlyInvalid(branch, value))
  if (schema.const !== undefined) return typeof value === typeof schema.const && value !== schema.const
  if (schema.enum) return typeof value === 'string' && schema.enum.every((option) => typeof option === 'string') && !schema.enum.includes(value)
  const types = typesOf(schema)
  if (!types.length) return false
  if (value === null) return false // coerced to "" / 0 / false: not certain
  if (Array.isArray(value)) return !types.includes('array') && value.length !== 1
  if (typeof value === 'object') return !types.includes('object')
  if (types.includes('string') && typeof value === 'string') {
    // A free-text field (src/contract/free-text.ts) refuses control characters.
    if (isFreeTextFormat(schema.format) && controlCharacterIn(value, schema.format === FREE_TEXT_FORMATS.multiline)) return true
    const length = [...value].length
    if (schema.maxLength !== undefined && length > schema.maxLength) return true
    if (schema.minLength !== undefined && length < schema.minLength) return true
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return true
    return false
  }
  if ((types.includes('integer') || types.includes('number')) && !types.includes('string')) {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
    if (typeof value === 'boolean') return false // coerced to 0 / 1
    if (Number.isNaN(number)) return true
    if (types.includes('integer') && !types.includes('number') && Number.isFinite(number) && !Number.isInteger(number)) return true
    if (schema.minimum !== undefined && number < schema.minimum) return true
    if (schema.maximum !== undefined && number > schema.maximum) return true
    if (schema.exclusiveMinimum !== undefined && number <= schema.exclusiveMinimum) return true
    if (schema.exclusiveMaximum !== undefined && number >= schema.exclusiveMaximum) return true
    return false
  }
  if (types.length === 1 && types[0] === 'boolean') return typeof value === 'string' && !['true', 'false', '1', '0', ''].includes(value)
  return false
}

// --- the hostile values --------------------------------------------------------------------------

const ONE_MB = 1024 * 1024

/** Strings that are well-formed JSON and may pass a schema: what the handler and the database must survive. */
export const HOSTILE_STRINGS: Record<string, string> = {
  'lone surrogate': 'ab\uD800cd',
  'RTL override': '\u202Egnp.exe',
  'bidi isolate (LRI…PDI)': 'a\u2066b\u2069c',
  'ESC sequence': 'a\u001b[31mb',
  'C1 control (NEL)': 'a\u0085b',
  'zero-width': 'a\u200B\u200C\u200Db\uFEFF',
  NUL: 'a\u0000b',
  emoji: '👨‍👩‍👧‍👦🏳️‍🌈',
  'SQL payload': "'; drop table applications; --",
  'SQL tautology': "x' OR '1'='1",
  'script payload': '<script>alert(1)</script>',
}

const WRONG_TYPES: Record<string, unknown> = {
  object: { nested: 1 },
  array: ['a', 'b'],
  string: 'not-a-number',
  number: 12345,
  boolean: true,
  null: null,
}

/** Nesting far past anything the API takes, built without recursion: ~8 KB as arrays, ~24 KB as objects. */
export const NESTING_DEPTH = 4000

export function nested(kind: 'arrays' | 'objects', depth = NESTING_DEPTH): unknown {
  let value: unknown = 1
  for (let level = 0; level < depth; level++) value = kind === 'arrays' ? [value] : { a: value }
  return value
}

const NUMBERS: Record<string, number> = {
  negative: -1,
  fraction: 1.5,
  huge: 1e308,
  'past 2^53': 2 ** 53 + 2,
}

const NUMBER_TEXTS: Record<string, string> = {
  negative: '-1',
  fraction: '1.5',
  'overflowing (1e400)': '1e400',
  'past 2^53': '9007199254740993',
  'not a number': 'abc',
  hex: '0x10',
}

// --- cases ---------------------------------------------------------------------------------------

export interface BadInputCase {
  route: string
  /** What is wrong, e.g. `body.rating: wrong type (string)`. */
  description: string
  credential: Credential
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
  /** Set when the case is certainly invalid for the schema: the answer must be 400 VALIDATION_FAILED naming this field (or one inside it). */
  expectField?: string
  /** Set for transport-level cases: the status that must come back. */
  expectStatus?: number
}

interface Baseline {
  params: Record<string, string>
  query: Record<string, string>
  headers: Record<string, string>
  body: unknown
}

function baselineOf(route: Route): Baseline {
  const baseline: Baseline = { params: {}, query: {}, headers: {}, body: undefined }
  for (const parameter of route.operation.parameters ?? []) {
    const value = String(validValue(parameter.schema))
    if (parameter.in === 'path') baseline.params[parameter.name] = value
    else if (parameter.required && parameter.in === 'query') baseline.query[parameter.name] = value
    else if (parameter.required && parameter.in === 'header') baseline.headers[parameter.name] = value
  }
  const bodySchema = jsonBodySchema(route)
  if (bodySchema) baseline.body = BASELINE_BODIES[route.name] ?? validValue(bodySchema)
  return baseline
}

/** Valid bodies the schema alone cannot produce: the login through the one provider the tests have (the sandbox). */
const BASELINE_BODIES: Record<string, unknown> = {
  'POST /api/auth/login': { platform: 'h5dev', code: 'sandbox:li-na' },
}

function jsonBodySchema(route: Route): Schema | undefined {
  return route.operation.requestBody?.content?.['application/json']?.schema
}

const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/

/** Percent-encoding; a lone surrogate (no UTF-8 form) goes out as the invalid bytes a client would send for it. */
function encode(text: string): string {
  return text
    .split(LONE_SURROGATE)
    .map((piece, index) => (index % 2 === 1 ? '%ED%A0%80' : encodeURIComponent(piece)))
    .join('')
}

function urlOf(route: Route, params: Record<string, string>, query: Record<string, string | string[]>, rawQuery?: string): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(params[name] ?? ''))
  const pairs = Object.entries(query).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${encode(key)}=${encode(item)}`))
  const text = rawQuery ?? pairs.join('&')
  return text ? `${path}?${text}` : path
}

type Slot = { where: 'body'; path: string[] } | { where: 'query' | 'params' | 'headers'; name: string }

/** Builds the cases of one route. */
export function casesFor(route: Route): BadInputCase[] {
  const baseline = baselineOf(route)
  const credential = credentialFor(route)
  const cases: BadInputCase[] = []
  let serial = 0
  const fresh = (headers: Record<string, string>) =>
    // A fresh idempotency key per case: a replay of an earlier case's key would be another test.
    Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, name === 'idempotency-key' && value === baseline.headers[name] ? `corpus-${serial++}`.padEnd(20, '0') : value]),
    )

  const add = (description: string, change: { params?: Record<string, string>; query?: Record<string, string | string[]>; rawQuery?: string; headers?: Record<string, string>; body?: unknown; payload?: string }, expect: { field?: string; status?: number } = {}) => {
    const headers = fresh({ ...baseline.headers, ...change.headers })
    let payload = change.payload
    const body = 'body' in change ? change.body : baseline.body
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body)
    if (payload !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
    cases.push({
      route: route.name,
      description,
      credential,
      method: route.method,
      url: urlOf(route, { ...baseline.params, ...change.params }, change.query ?? baseline.query, change.rawQuery),
      headers,
      payload,
      expectField: expect.field,
      expectStatus: expect.status,
    })
  }

  // One value into one slot (of `base`, the baseline body unless inside an array item); the
  // field is expected when the schema certainly refuses it.
  const putInto = (slot: Slot, schema: Schema, label: string, value: unknown, base: unknown = baseline.body) => {
    const invalid = certainlyInvalid(schema, value)
    if (slot.where === 'body') {
      const body = structuredClone(base ?? {})
      setAt(body, slot.path, value)
      add(`body.${slot.path.join('.')}: ${label}`, { body }, invalid ? { field: ['body', ...slot.path].join('.') } : {})
    } else {
      const text = typeof value === 'string' ? value : JSON.stringify(value)
      const field = `${slot.where === 'query' ? 'query' : slot.where}.${slot.name}`
      const change =
        slot.where === 'query'
          ? { query: { ...baseline.query, [slot.name]: text } }
          : slot.where === 'params'
            ? { params: { ...baseline.params, [slot.name]: text } }
            : { headers: { ...baseline.headers, [slot.name]: text } }
      // Invalid UTF-8 in the path is refused before routing, where no parameter has a name yet.
      const transportRefusal = slot.where === 'params' && LONE_SURROGATE.test(text)
      add(`${field}: ${label}`, change, transportRefusal ? { field: 'params', status: 400 } : invalid ? { field } : {})
    }
  }

  const hostileFor = (slot: Slot, schema: Schema, transport: 'json' | 'text', base?: unknown) => {
    const put = (slot: Slot, schema: Schema, label: string, value: unknown) => putInto(slot, schema, label, value, base)
    const types = typesOf(schema)
    const isText = types.includes('string') || schema.enum !== undefined || (!types.length && !schema.properties)
    const isNumber = types.includes('integer') || types.includes('number')
    // Wrong types: in JSON every other type; in a URL or header only text exists.
    if (transport === 'json') {
      for (const [type, value] of Object.entries(WRONG_TYPES)) if (!types.includes(type) && !(type === 'number' && types.includes('integer'))) put(slot, schema, `wrong type (${type})`, value)
      // Deep nesting must be refused (4xx), never overflow a recursive walk of the body (5xx).
      for (const kind of ['arrays', 'objects'] as const) put(slot, schema, `nested ${NESTING_DEPTH} levels deep (${kind})`, nested(kind))
    }
    if (isText) {
      if (schema.maxLength !== undefined) put(slot, schema, `maxLength ${schema.maxLength} + 1`, 'a'.repeat(schema.maxLength + 1))
      if (schema.minLength !== undefined && schema.minLength > 0) put(slot, schema, `shorter than minLength ${schema.minLength}`, 'a'.repeat(schema.minLength - 1))
      const options = branches(schema).flatMap((branch) => branch.enum ?? [])
      if (options.length) put(slot, schema, 'not one of the enum', 'not-an-option')
      if (schema.pattern !== undefined) put(slot, schema, `not matching ${schema.pattern}`, '../../etc/passwd')
      for (const [label, value] of Object.entries(HOSTILE_STRINGS)) {
        // Headers cannot carry NUL or non-Latin-1 text at all; the HTTP layer refuses them before the app.
        if (slot.where === 'headers' && /[^\x20-\x7e]/.test(value)) continue
        put(slot, schema, label, value)
      }
    }
    if (isNumber) {
      if (transport === 'json') for (const [label, value] of Object.entries(NUMBERS)) put(slot, schema, `number ${label}`, value)
      else for (const [label, value] of Object.entries(NUMBER_TEXTS)) put(slot, schema, `number ${label}`, value)
    }
  }

  // Path parameters.
  for (const parameter of route.operation.parameters ?? []) {
    if (parameter.in !== 'path') continue
    const slot: Slot = { where: 'params', name: parameter.name }
    hostileFor(slot, parameter.schema, 'text')
    add(`params.${parameter.name}: 300 characters (past the router's parameter limit)`, { params: { ...baseline.params, [parameter.name]: 'a'.repeat(300) } })
    add(`params.${parameter.name}: percent-encoded NUL and traversal`, { params: { ...baseline.params, [parameter.name]: '%00/../x' } })
  }
  // Querystring.
  const queryParameters = (route.operation.parameters ?? []).filter((parameter) => parameter.in === 'query')
  for (const parameter of queryParameters) {
    const slot: Slot = { where: 'query', name: parameter.name }
    hostileFor(slot, parameter.schema, 'text')
    add(`query.${parameter.name}: given twice`, { query: { ...baseline.query, [parameter.name]: [String(validValue(parameter.schema)), String(validValue(parameter.schema))] } })
    if (parameter.required) {
      const { [parameter.name]: _left, ...rest } = baseline.query
      add(`query.${parameter.name}: missing`, { query: rest }, { field: `query.${parameter.name}` })
    }
  }
  add('query: an unknown parameter', { query: { ...baseline.query, unexpectedParameter: '1' } }, queryParameters.length ? { field: 'query.unexpectedParameter' } : {})
  add('query: 1 MB querystring', { rawQuery: `q=${'a'.repeat(ONE_MB)}` })
  add('query: malformed percent-encoding', { rawQuery: 'x=%E0%A4%A' })
  // Headers the route declares.
  for (const parameter of route.operation.parameters ?? []) {
    if (parameter.in !== 'header') continue
    hostileFor({ where: 'headers', name: parameter.name }, parameter.schema, 'text')
    if (parameter.required) {
      const { [parameter.name]: _left, ...rest } = baseline.headers
      cases.push({ ...caseWithout(route, baseline, rest, credential), description: `headers.${parameter.name}: missing`, expectField: `headers.${parameter.name}` })
    }
  }
  // Authorization (every route reads it, or ignores it).
  for (const [label, value] of Object.entries({ 'Basic scheme': 'Basic YWRtaW46YWRtaW4=', 'Bearer without token': 'Bearer', 'Bearer 16 KB': `Bearer ${'a'.repeat(16_384)}`, 'Bearer SQL payload': "Bearer ' OR 1=1 --" })) {
    add(`headers.authorization: ${label}`, { headers: { ...baseline.headers, authorization: value } })
  }
  // The body.
  const bodySchema = jsonBodySchema(route)
  if (bodySchema) {
    // `base`: the body the mutations start from; inside an array, one with a valid first item.
    const walk = (schema: Schema, path: string[], depth: number, base: unknown) => {
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        const slot: Slot = { where: 'body', path: [...path, key] }
        hostileFor(slot, property, 'json', base)
        if (schema.required?.includes(key) && property.default === undefined) {
          const body = structuredClone(base ?? {})
          deleteAt(body, [...path, key])
          add(`body.${[...path, key].join('.')}: missing`, { body }, getAt(body, path) !== undefined ? { field: ['body', ...path, key].join('.') } : {})
        }
        if (depth < 2 && typesOf(property).includes('object') && property.properties) {
          const withObject = structuredClone(base ?? {})
          if (getAt(withObject, [...path, key]) === undefined) setAt(withObject, [...path, key], validValue(property))
          walk(property, [...path, key], depth + 1, withObject)
        }
        // A map (e.g. an application's `values` by field key): hostile values under a valid key.
        const entries = property.patternProperties ? Object.entries(property.patternProperties) : typeof property.additionalProperties === 'object' ? [['', property.additionalProperties] as const] : []
        for (const [pattern, entry] of entries) {
          const entryKey = pattern ? (PATTERN_EXAMPLES[pattern] ?? 'a') : 'a'
          const withMap = structuredClone(base ?? {})
          if (getAt(withMap, [...path, key]) === undefined) setAt(withMap, [...path, key], {})
          hostileFor({ where: 'body', path: [...path, key, entryKey] }, entry, 'json', withMap)
        }
        if (depth < 2 && property.items?.properties) {
          const withItem = structuredClone(base ?? {})
          setAt(withItem, [...path, key], [validValue(property.items)])
          walk(property.items, [...path, key, '0'], depth + 1, withItem)
        }
      }
      if (schema.additionalProperties === false) {
        const body = structuredClone(base ?? {})
        const target = path.length ? getAt(body, path) : body
        if (target && typeof target === 'object' && !Array.isArray(target)) {
          ;(target as Record<string, unknown>).unexpectedField = 1
          add(`body${path.length ? '.' + path.join('.') : ''}: an unknown field`, { body }, { field: ['body', ...path, 'unexpectedField'].join('.') })
        }
      }
    }
    walk(bodySchema, [], 0, baseline.body)
    add('body: malformed JSON', { payload: '{"a":' }, { status: 400, field: 'body' })
    add('body: empty with a JSON content-type', { payload: '' }, { status: 400, field: 'body' })
    add('body: a JSON array instead of an object', { body: [] }, typesOf(bodySchema).includes('array') ? {} : { field: 'body' })
    add('body: JSON null', { payload: 'null' })
    // Fastify parses text/plain as a string: the schema then refuses the body as a whole.
    add('body: text/plain content-type', { payload: JSON.stringify(baseline.body ?? {}), headers: { ...baseline.headers, 'content-type': 'text/plain' } }, { field: 'body' })
    add('body: form-urlencoded content-type', { payload: 'a=1&b=2', headers: { ...baseline.headers, 'content-type': 'application/x-www-form-urlencoded' } }, { status: 415 })
    add('body: 1 MB string field', { payload: JSON.stringify({ ...(baseline.body as object), huge: 'a'.repeat(ONE_MB) }) })
    add('body: 1 MB of nested arrays', { payload: '['.repeat(ONE_MB / 2) + ']'.repeat(ONE_MB / 2) })
    for (const kind of ['arrays', 'objects'] as const) {
      add(`body: nested ${NESTING_DEPTH} levels deep (${kind})`, { body: nested(kind) }, typesOf(bodySchema).includes(kind === 'arrays' ? 'array' : 'object') ? {} : { field: 'body' })
      // An array body (the catalogue import): the nesting inside its first item.
      if (typesOf(bodySchema).includes('array')) add(`body.0: nested ${NESTING_DEPTH} levels deep (${kind})`, { body: [{ a: nested(kind) }] })
    }
  } else if (route.method !== 'GET' && route.method !== 'HEAD') {
    add('body: malformed JSON to a route without a body', { payload: '{"a":' })
  }
  return cases
}

/** The route's valid request, without credentials: what its cases each change in one place. */
export function validRequestOf(route: Route): Pick<BadInputCase, 'method' | 'url' | 'headers' | 'payload'> {
  const baseline = baselineOf(route)
  const { method, url, headers, payload } = caseWithout(route, baseline, baseline.headers, 'none')
  return { method, url, headers, payload }
}

function caseWithout(route: Route, baseline: Baseline, headers: Record<string, string>, credential: Credential): BadInputCase {
  const body = baseline.body === undefined ? undefined : JSON.stringify(baseline.body)
  return {
    route: route.name,
    description: '',
    credential,
    method: route.method,
    url: urlOf(route, baseline.params, baseline.query),
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    payload: body,
  }
}

function setAt(target: unknown, path: string[], value: unknown): void {
  let node = target as Record<string, unknown>
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) node[key] = value
    else {
      const next = path[index + 1]!
      if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = /^\d+$/.test(next) ? [] : {}
      node = node[key] as Record<string, unknown>
    }
  }
}

function getAt(target: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), target)
}

function deleteAt(target: unknown, path: string[]): void {
  const parent = getAt(target, path.slice(0, -1))
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path[path.length - 1]!]
}

// --- running them --------------------------------------------------------------------------------

export interface CaseResult {
  case: BadInputCase
  status: number
  code?: string
  field?: string
  /** Why the answer breaks the rules; undefined when it keeps them. */
  problem?: string
}

/** Sends every case through app.inject and checks the answer against the rules. */
export async function runCases(app: FastifyInstance, cases: BadInputCase[]): Promise<CaseResult[]> {
  const tokens = tokenSource(app)
  const results: CaseResult[] = []
  for (const badCase of cases) {
    const token = await tokens.get(badCase.credential)
    const headers = { ...badCase.headers }
    if (token && !('authorization' in headers)) headers.authorization = `Bearer ${token}`
    const response = await app.inject({ method: badCase.method as 'GET', url: badCase.url, headers, payload: badCase.payload })
    let body: { error?: { code?: string; field?: string } } | undefined
    try {
      body = response.json()
    } catch {
      body = undefined
    }
    const result: CaseResult = { case: badCase, status: response.statusCode, code: body?.error?.code, field: body?.error?.field }
    result.problem = problemOf(result)
    results.push(result)
    await tokens.afterCase(badCase.credential)
  }
  return results
}

const FIELD_SCOPE = /^(body|query|params|headers)(\.|$)/

function problemOf({ case: badCase, status, code, field }: CaseResult): string | undefined {
  if (status >= 500) return `${status} ${code ?? ''}`
  if (status < 400 && (badCase.expectField || badCase.expectStatus)) return `${status}: accepted what the schema refuses`
  if (badCase.expectStatus !== undefined && status !== badCase.expectStatus) return `${status} instead of ${badCase.expectStatus}`
  if (status === 400 && code === 'VALIDATION_FAILED' && !(field && FIELD_SCOPE.test(field))) return `400 VALIDATION_FAILED without a field (${field ?? 'none'})`
  if (badCase.expectField) {
    if (status !== 400 || code !== 'VALIDATION_FAILED') return `${status} ${code ?? ''} instead of 400 VALIDATION_FAILED naming ${badCase.expectField}`
    if (field !== badCase.expectField && !field?.startsWith(`${badCase.expectField}.`)) return `names ${field} instead of ${badCase.expectField}`
  }
  return undefined
}

/** Per route: cases, answers by class, 400s naming a field, problems. */
export function summarise(results: CaseResult[]): { route: string; cases: number; ok: number; client: number; server: number; named: number; problems: number }[] {
  const rows = new Map<string, { route: string; cases: number; ok: number; client: number; server: number; named: number; problems: number }>()
  for (const result of results) {
    const row = rows.get(result.case.route) ?? { route: result.case.route, cases: 0, ok: 0, client: 0, server: 0, named: 0, problems: 0 }
    row.cases += 1
    if (result.status >= 500) row.server += 1
    else if (result.status >= 400) row.client += 1
    else row.ok += 1
    if (result.status === 400 && result.field && FIELD_SCOPE.test(result.field)) row.named += 1
    if (result.problem) row.problems += 1
    rows.set(result.case.route, row)
  }
  return [...rows.values()]
}
