import type { Kysely } from 'kysely'
import { BAD_RATING_MAX, RATING_WORDS, RECTIFICATION_STATUSES, TAGS, TEXT_LIMITS, ratingGroup, type Rating } from '../../src/contract/evaluations/data'
import type { Evaluation, EvaluationRequest, EvaluationState } from '../../src/contract/evaluations/schemas'
import type { AuditEvent } from '../audit/audit-log'
import type { Clock } from '../clock'
import type { Database } from '../db/database'
import { AppError } from '../errors'
import { cleanText, invalid, maskedText, optionalText } from '../free-text'
import { isUniqueViolation } from '../db/unique-violation'
import { emitActivity } from '../live/activity'

/**
 * 好差评 for the citizen: rate a completed application once (round 1), and re-rate once
 * (round 2) after the department answered the rectification a bad rating opened. A rating
 * ≤ 2 and its rectification are written in one transaction: there is never a 差评 that no
 * operator was asked to answer, nor a rectification without its rating. Rows are only
 * inserted, never updated, so both rounds stay on record.
 */

export interface RatingDeps {
  db: Kysely<Database>
  clock: Clock
  audit(event: AuditEvent): Promise<void>
}

export interface Rater {
  accountId: string
  citizenId: string
  ip: string
}

export type Round = 1 | 2

interface CleanRating {
  rating: Rating
  tags: string[]
  comment: string | null
  reason: string | null
}

export interface Ratings {
  state(citizenId: string, applicationId: string): Promise<EvaluationState>
  rate(rater: Rater, applicationId: string, request: EvaluationRequest, round: Round): Promise<EvaluationState>
}

export function createRatings({ db, clock, audit }: RatingDeps): Ratings {
  const state = async (citizenId: string, applicationId: string): Promise<EvaluationState> => {
    const application = await ownApplication(db, citizenId, applicationId)
    const rows = await db
      .selectFrom('evaluations as e')
      .leftJoin('rectifications as r', 'r.evaluation_id', 'e.id')
      .select([
        'e.round',
        'e.rating',
        'e.tags',
        'e.comment',
        'e.reason',
        'e.created_at',
        'r.id as rectification_id',
        'r.status as rectification_status',
        'r.is_repeat',
        'r.department',
        'r.created_at as opened_at',
        'r.answer',
        'r.answered_at',
      ])
      .where('e.application_id', '=', application.id)
      .orderBy('e.round')
      .execute()
    const evaluations: Evaluation[] = rows.map((row) => ({
      round: row.round,
      rating: row.rating,
      ratingName: RATING_WORDS[row.rating as Rating],
      tags: JSON.parse(row.tags) as string[],
      comment: maskedText(row.comment),
      reason: maskedText(row.reason),
      createdAt: row.created_at,
      rectification:
        row.rectification_id === null || row.rectification_status === null
          ? null
          : {
              status: row.rectification_status,
              statusName: RECTIFICATION_STATUSES[row.rectification_status],
              repeat: Number(row.is_repeat) === 1,
              department: row.department ?? '',
              openedAt: row.opened_at ?? row.created_at,
              answer: row.answer,
              answeredAt: row.answered_at,
            },
    }))
    const first = evaluations.find((evaluation) => evaluation.round === 1)
    const reRated = evaluations.some((evaluation) => evaluation.round === 2)
    return {
      applicationId: application.id,
      canRate: application.status === 'completed' && !first,
      canReRate: first?.rectification?.status === 'answered' && !reRated,
      evaluations,
    }
  }

  return {
    state,

    async rate(rater, applicationId, request, round) {
      // Checked before the database: a bad request changes nothing, whoever's application it names.
      const rating = cleanRating(request)
      const now = clock().toISOString()
      let rectificationId: number | null
      let itemCode: string | undefined
      try {
        rectificationId = await db.transaction().execute(async (trx) => {
          const application = await ownApplication(trx, rater.citizenId, applicationId)
          if (application.status !== 'completed') throw new AppError('EVALUATION_NOT_OPEN')
          itemCode = application.item_code
          const earlier = await trx.selectFrom('evaluations').select(['id', 'round']).where('application_id', '=', application.id).execute()
          const first = earlier.find((row) => row.round === 1)
          if (round === 1 && first) throw new AppError('ALREADY_RATED')
          if (round === 2) {
            if (earlier.some((row) => row.round === 2)) throw new AppError('ALREADY_RE_RATED')
            const answered = first
              ? await trx.selectFrom('rectifications').select('id').where('evaluation_id', '=', first.id).where('status', '=', 'answered').executeTakeFirst()
              : undefined
            if (!answered) throw new AppError('RE_RATE_NOT_AVAILABLE')
          }
          const evaluation = await trx
            .insertInto('evaluations')
            .values({
              application_id: application.id,
              citizen_id: rater.citizenId,
              account_id: rater.accountId,
              round,
              rating: rating.rating,
              tags: JSON.stringify(rating.tags),
              comment: rating.comment,
              reason: rating.reason,
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          if (rating.rating > BAD_RATING_MAX) return null
          // The department answerable for the item, as the catalogue names it today.
          const item = await trx.selectFrom('service_items').select('department').where('code', '=', application.item_code).executeTakeFirstOrThrow()
          const rectification = await trx
            .insertInto('rectifications')
            .values({
              evaluation_id: evaluation.id,
              application_id: application.id,
              item_code: application.item_code,
              department: item.department,
              is_repeat: round === 2 ? 1 : 0,
              status: 'open',
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          return rectification.id
        })
      } catch (error) {
        // A concurrent submit won the (application_id, round) unique index.
        if (isUniqueViolation(error)) throw new AppError(round === 1 ? 'ALREADY_RATED' : 'ALREADY_RE_RATED')
        throw error
      }
      await audit({
        event: round === 1 ? 'evaluation.rate' : 'evaluation.re_rate',
        accountId: rater.accountId,
        citizenId: rater.citizenId,
        ip: rater.ip,
        detail: { applicationId, round, rating: rating.rating, rectificationId },
      })
      emitActivity(db, { kind: 'evaluation', at: now, ...(itemCode ? { serviceCode: itemCode } : {}) })
      return state(rater.citizenId, applicationId)
    },
  }
}

/** The citizen's own application; another citizen's (or none) is the same 404. */
async function ownApplication(db: Kysely<Database>, citizenId: string, applicationId: string) {
  const application = await db
    .selectFrom('applications')
    .select(['id', 'status', 'item_code'])
    .where('id', '=', applicationId)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst()
  if (!application) throw new AppError('NOT_FOUND', { message: '没有找到该办件，请返回“我的办件”刷新后重试' })
  return application
}

/** The request checked against the rating rules; 400 naming the field otherwise. */
function cleanRating(request: EvaluationRequest): CleanRating {
  const rating = request.rating as Rating
  const group = ratingGroup(rating)
  const tags = request.tags ?? []
  const stray = tags.find((tag) => !TAGS[group].includes(tag))
  if (stray !== undefined) {
    throw invalid('body.tags', `one of the ${group} tags for rating ${rating}`, `标签“${stray}”不适用于“${RATING_WORDS[rating]}”，请从该评价的标签中选择`)
  }
  const comment = optionalText(request.comment, 'body.comment', { ...TEXT_LIMITS.comment, multiline: true })
  const reasonGiven = request.reason !== undefined && request.reason.trim() !== ''
  if (rating <= BAD_RATING_MAX) {
    if (!reasonGiven) throw invalid('body.reason', `required when rating ≤ ${BAD_RATING_MAX}`, `选择“${RATING_WORDS[rating]}”时，请填写不满意的原因，以便部门整改`)
    return { rating, tags, comment, reason: cleanText(request.reason!, 'body.reason', { ...TEXT_LIMITS.reason, multiline: true }) }
  }
  // A reason travels with a 差评 only; a leftover one from a changed choice is refused, not kept unseen.
  if (reasonGiven) throw invalid('body.reason', `only when rating ≤ ${BAD_RATING_MAX}`, '只有“不满意”或“非常不满意”需要填写原因，请清空原因或修改评价')
  return { rating, tags, comment, reason: null }
}
