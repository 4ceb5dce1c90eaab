import type { Kysely } from 'kysely'
import { monthIndex, monthsInclusive, monthWords } from '../../src/contract/months'
import { MAX_PROOF_MONTHS, PROOF_VALID_DAYS } from '../../src/contract/social-security/data'
import { type ContributionsPage, type ContributionsQuery, type Overview, type Proof, type ProofContent, type ProofList, type ProofRequest, type ProofVerification } from '../../src/contract/social-security/schemas'
import { formatProofCode } from '../../src/contract/social-security/data'
import type { AuditEvent } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import type { Account } from '../identity/accounts'
import type { CitizensRepository } from '../identity/citizens'
import { maskCardNumber, maskIdNumber, maskName } from '../privacy/masking'
import { generateProofCode, normaliseProofCode, proofTokenMatches, signProof, type SignedProofFields } from './proof-codes'
import { createSocialSecurityRepository, type InsuredPersonRow } from './repository'

/** Audit event names of this domain (`area.action`, as in AUDIT_EVENTS). */
export const SOCIAL_SECURITY_AUDIT_EVENTS = {
  read: 'social_security.read',
  proofIssue: 'social_security.proof_issue',
  proofVerify: 'social_security.proof_verify',
} as const

/** How many past years the year switcher offers at least, counting the current one. */
const SWITCHER_YEARS = 5
const DAY_MS = 86_400_000
const PROOF_LIST_LIMIT = 20

export interface SocialSecurityServiceOptions {
  db: Kysely<Database>
  citizens: CitizensRepository
  clock: Clock
  /** SOCIAL_PROOF_KEY */
  proofKey: Buffer
  audit: (event: AuditEvent) => Promise<void>
}

/** Who asks: the account (level 4, proven, so it has a citizen) and where from. */
export interface Caller {
  account: Account
  ip: string
}

export interface SocialSecurityService {
  overview(caller: Caller): Promise<Overview>
  contributions(caller: Caller, query: ContributionsQuery): Promise<ContributionsPage>
  issueProof(caller: Caller, request: ProofRequest, verifyBase: string): Promise<Proof>
  listProofs(caller: Caller): Promise<ProofList>
  verifyProof(typedCode: string, token: string | undefined, ip: string): Promise<ProofVerification>
}

export function createSocialSecurityService({ db, citizens, clock, proofKey, audit }: SocialSecurityServiceOptions): SocialSecurityService {
  const records = createSocialSecurityRepository(db)

  const citizenIdOf = (caller: Caller): string => {
    // requireLevel(4) guarantees a citizen; without one nobody's records are reachable.
    if (!caller.account.citizenId) throw new AppError('REAL_NAME_REQUIRED', { requiredLevel: 3, currentLevel: caller.account.level })
    return caller.account.citizenId
  }
  const personOf = (caller: Caller): Promise<InsuredPersonRow | undefined> => records.findPersonForCitizen(citizenIdOf(caller))
  const auditRead = (caller: Caller, detail: AuditEvent['detail']) =>
    audit({ event: SOCIAL_SECURITY_AUDIT_EVENTS.read, accountId: caller.account.id, citizenId: caller.account.citizenId, ip: caller.ip, detail })

  function switcherYears(span: { firstMonth: string; lastMonth: string } | undefined): number[] {
    const now = clock().getUTCFullYear()
    const first = Math.min(span ? Number(span.firstMonth.slice(0, 4)) : now, now - SWITCHER_YEARS + 1)
    const last = Math.max(span ? Number(span.lastMonth.slice(0, 4)) : now, now)
    const years: number[] = []
    for (let year = last; year >= first; year--) years.push(year)
    return years
  }

  return {
    async overview(caller) {
      const person = await personOf(caller)
      await auditRead(caller, { view: 'overview', found: Boolean(person) })
      if (!person) return { person: null, enrolments: [], balances: [], totalMonthsPaid: 0, lastPaidMonth: null, arrears: [], recordRange: null }
      const [enrolments, stats, balances, span, arrears] = await Promise.all([
        records.enrolments(person.id),
        records.typeStats(person.id),
        records.balances(person.id),
        records.span(person.id),
        records.arrears(person.id),
      ])
      return {
        person: { cardNumber: maskCardNumber(person.cardNumber), insuredCity: person.insuredCity, agency: person.agency, status: person.status },
        enrolments: enrolments.map((enrolment) => {
          const stat = stats.find((candidate) => candidate.type === enrolment.type)
          return {
            type: enrolment.type,
            status: enrolment.status,
            startedOn: enrolment.startedOn,
            ...(enrolment.endedOn ? { endedOn: enrolment.endedOn } : {}),
            monthsPaid: stat?.monthsPaid ?? 0,
            ...(stat?.lastPaidMonth ? { lastPaidMonth: stat.lastPaidMonth } : {}),
          }
        }),
        balances,
        totalMonthsPaid: span?.monthsPaid ?? 0,
        lastPaidMonth: span?.lastPaidMonth ?? null,
        arrears: arrears.map((record) => ({
          month: record.month,
          type: record.type,
          employerName: record.employerName,
          personalCents: record.personalCents,
          employerCents: record.employerCents,
        })),
        recordRange: span ? { from: span.firstMonth, to: span.lastMonth } : null,
      }
    },

    async contributions(caller, query) {
      const page = query.page ?? 1
      const pageSize = query.pageSize ?? 12
      const person = await personOf(caller)
      await auditRead(caller, { view: 'contributions', year: query.year, type: query.type, page })
      const base = { year: query.year, ...(query.type ? { type: query.type } : {}), page, pageSize }
      if (!person) return { ...base, years: switcherYears(undefined), items: [], total: 0, hasMore: false, totals: [] }
      const [span, found, totals] = await Promise.all([
        records.span(person.id),
        records.page(person.id, { year: query.year, type: query.type, page, pageSize }),
        records.totals(person.id, `${query.year}-01`, `${query.year}-12`, query.type),
      ])
      return { ...base, years: switcherYears(span), items: found.items, total: found.total, hasMore: page * pageSize < found.total, totals }
    },

    async issueProof(caller, request, verifyBase) {
      const citizenId = citizenIdOf(caller)
      const person = await records.findPersonForCitizen(citizenId)
      if (!person) throw new AppError('NOT_FOUND', { message: '未查询到您的参保记录，无法开具缴费证明' })
      const span = await records.span(person.id)
      if (!span) throw new AppError('NOT_FOUND', { message: '未查询到您的缴费记录，无法开具缴费证明' })
      assertValidPeriod(request, span)

      const citizen = await citizens.findById(citizenId)
      if (!citizen) throw new AppError('NOT_FOUND')
      const content: ProofContent = {
        name: maskName(citizen.name),
        idNumber: maskIdNumber(citizen.idNumber),
        insuredCity: person.insuredCity,
        agency: person.agency,
        from: request.from,
        to: request.to,
        types: (await records.totals(person.id, request.from, request.to)).map((total) => ({
          type: total.type,
          monthsPaid: total.monthsPaid,
          monthsInArrears: total.monthsInArrears,
          personalCents: total.personalCents,
          employerCents: total.employerCents,
        })),
      }
      const issued = clock()
      const fields: SignedProofFields = {
        code: '',
        from: request.from,
        to: request.to,
        issuedAt: issued.toISOString(),
        expiresAt: new Date(issued.getTime() + PROOF_VALID_DAYS * DAY_MS).toISOString(),
        content: JSON.stringify(content),
      }
      // A clash of 60 random bits is all but impossible; a retry costs nothing if it happens.
      let token = ''
      for (let attempt = 0; ; attempt++) {
        fields.code = generateProofCode()
        token = signProof(proofKey, fields)
        try {
          await records.insertProof({
            code: fields.code,
            person_id: person.id,
            citizen_id: citizenId,
            account_id: caller.account.id,
            from_month: fields.from,
            to_month: fields.to,
            content: fields.content,
            token,
            issued_at: fields.issuedAt,
            expires_at: fields.expiresAt,
          })
          break
        } catch (error) {
          if (attempt >= 2 || (await records.findProof(fields.code)) === undefined) throw error
        }
      }
      const code = formatProofCode(fields.code)
      await audit({
        event: SOCIAL_SECURITY_AUDIT_EVENTS.proofIssue,
        accountId: caller.account.id,
        citizenId,
        ip: caller.ip,
        detail: { code, from: request.from, to: request.to },
      })
      return {
        code,
        token,
        verifyUrl: `${verifyBase}/api/social-security/proofs/${code}`,
        issuedAt: fields.issuedAt,
        expiresAt: fields.expiresAt,
        content,
      }
    },

    async listProofs(caller) {
      const now = clock().getTime()
      const rows = await records.listProofs(citizenIdOf(caller), PROOF_LIST_LIMIT)
      return {
        items: rows.map((row) => ({
          code: formatProofCode(row.code),
          from: row.from_month,
          to: row.to_month,
          issuedAt: row.issued_at,
          expiresAt: row.expires_at,
          expired: now >= Date.parse(row.expires_at),
        })),
      }
    },

    async verifyProof(typedCode, token, ip) {
      const code = normaliseProofCode(typedCode)
      const row = code === undefined ? undefined : await records.findProof(code)
      const shown = code === undefined ? typedCode.slice(0, 20) : formatProofCode(code)
      const record = (outcome: 'success' | 'failure', citizenId: string | null, reason?: string) =>
        audit({ event: SOCIAL_SECURITY_AUDIT_EVENTS.proofVerify, outcome, accountId: null, citizenId, ip, detail: { code: shown, reason } })
      if (!row) {
        await record('failure', null, 'NOT_FOUND')
        throw new AppError('NOT_FOUND', { message: '没有找到该缴费证明，请核对验证码后重试' })
      }
      const fields: SignedProofFields = {
        code: row.code,
        from: row.from_month,
        to: row.to_month,
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
        content: row.content,
      }
      if (!proofTokenMatches(proofKey, fields, row.token)) {
        await record('failure', row.citizen_id, 'RECORD_TAMPERED')
        throw new AppError('PROOF_INVALID')
      }
      if (token !== undefined && !proofTokenMatches(proofKey, fields, token)) {
        await record('failure', row.citizen_id, 'TOKEN_MISMATCH')
        throw new AppError('PROOF_INVALID')
      }
      if (clock().getTime() >= Date.parse(row.expires_at)) {
        await record('failure', row.citizen_id, 'EXPIRED')
        throw new AppError('PROOF_EXPIRED')
      }
      await record('success', row.citizen_id)
      return {
        genuine: true,
        code: formatProofCode(row.code),
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
        content: JSON.parse(row.content) as ProofContent,
      }
    },
  }
}

/** from ≤ to, inside the months on record, at most MAX_PROOF_MONTHS long; 400 naming the field. */
function assertValidPeriod(request: ProofRequest, span: { firstMonth: string; lastMonth: string }): void {
  const invalid = (field: 'from' | 'to', rule: string, message: string) => new AppError('VALIDATION_FAILED', { field: `body.${field}`, rule, message })
  if (monthIndex(request.from) > monthIndex(request.to)) {
    throw invalid('to', 'not before body.from', '截止月份不能早于起始月份，请重新选择')
  }
  if (monthIndex(request.from) < monthIndex(span.firstMonth)) {
    throw invalid('from', `within ${span.firstMonth}..${span.lastMonth}`, `起始月份早于您最早的缴费记录（${monthWords(span.firstMonth)}），请重新选择`)
  }
  if (monthIndex(request.to) > monthIndex(span.lastMonth)) {
    throw invalid('to', `within ${span.firstMonth}..${span.lastMonth}`, `截止月份晚于您最近的缴费记录（${monthWords(span.lastMonth)}），请重新选择`)
  }
  if (monthsInclusive(request.from, request.to) > MAX_PROOF_MONTHS) {
    throw invalid('to', `at most ${MAX_PROOF_MONTHS} months`, '一份证明最长可开具10年（120个月），请缩短时间段')
  }
}
