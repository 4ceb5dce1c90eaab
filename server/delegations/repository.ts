import { randomUUID } from 'node:crypto'
import type { Selectable } from 'kysely'
import type { DelegationScope } from '../../src/contract/delegations/data'
import type { DelegationDb, DelegationsTable } from './tables'

export type DelegationRow = Selectable<DelegationsTable>

/** Invited or active and not past its end: what counts against the limits and blocks a second invite. */
const OPEN_STATES = ['invited', 'active'] as const

/**
 * Delegations and their acts. Reads that decide access always go to the database (no copy kept
 * in process): a revoke on one node is seen by the next request on every node.
 */
export function createDelegationsRepository(db: DelegationDb) {
  return {
    async create(input: { helperCitizenId: string; helperAccountId: string; principalCitizenId: string; scopes: DelegationScope[]; endsAt: string; now: Date }): Promise<DelegationRow> {
      const row: DelegationRow = {
        id: randomUUID(),
        helper_citizen_id: input.helperCitizenId,
        helper_account_id: input.helperAccountId,
        principal_citizen_id: input.principalCitizenId,
        scopes: JSON.stringify(input.scopes),
        ends_at: input.endsAt,
        state: 'invited',
        created_at: input.now.toISOString(),
        consent_method: null,
        consent_account_id: null,
        consent_face_verification_id: null,
        pending_face_verification_id: null,
        consented_at: null,
        ended_at: null,
        ended_by: null,
      }
      await db.insertInto('delegations').values(row).execute()
      return row
    },

    findById(id: string): Promise<DelegationRow | undefined> {
      return db.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Open (invited or active, not past its end) delegations where this citizen is the helper / the principal. */
    async countOpen(side: 'helper' | 'principal', citizenId: string, now: Date): Promise<number> {
      const column = side === 'helper' ? 'helper_citizen_id' : 'principal_citizen_id'
      const row = await db
        .selectFrom('delegations')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where(column, '=', citizenId)
        .where('state', 'in', [...OPEN_STATES])
        .where('ends_at', '>', now.toISOString())
        .executeTakeFirstOrThrow()
      return Number(row.count)
    },

    findOpenPair(helperCitizenId: string, principalCitizenId: string, now: Date): Promise<DelegationRow | undefined> {
      return db
        .selectFrom('delegations')
        .selectAll()
        .where('helper_citizen_id', '=', helperCitizenId)
        .where('principal_citizen_id', '=', principalCitizenId)
        .where('state', 'in', [...OPEN_STATES])
        .where('ends_at', '>', now.toISOString())
        .executeTakeFirst()
    },

    listFor(citizenId: string): Promise<DelegationRow[]> {
      return db
        .selectFrom('delegations')
        .selectAll()
        .where((eb) => eb.or([eb('helper_citizen_id', '=', citizenId), eb('principal_citizen_id', '=', citizenId)]))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(50)
        .execute()
    },

    /** invited → active; false when it was no longer invited (ended meanwhile, or consented twice). */
    async activate(id: string, consent: { method: 'principal_session' | 'face_of_principal'; accountId?: string; faceVerificationId?: string; at: Date }): Promise<boolean> {
      const result = await db
        .updateTable('delegations')
        .set({
          state: 'active',
          consent_method: consent.method,
          consent_account_id: consent.accountId ?? null,
          consent_face_verification_id: consent.faceVerificationId ?? null,
          pending_face_verification_id: null,
          consented_at: consent.at.toISOString(),
        })
        .where('id', '=', id)
        .where('state', '=', 'invited')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async setPendingFace(id: string, verificationId: string): Promise<void> {
      await db.updateTable('delegations').set({ pending_face_verification_id: verificationId }).where('id', '=', id).where('state', '=', 'invited').execute()
    },

    async end(id: string, by: 'helper' | 'principal', at: Date): Promise<void> {
      await db.updateTable('delegations').set({ state: 'ended', ended_at: at.toISOString(), ended_by: by }).where('id', '=', id).where('state', '!=', 'ended').execute()
    },

    async recordAct(act: { delegationId: string; principalCitizenId: string; helperCitizenId: string; helperAccountId: string; action: string; targetId: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('delegation_acts')
        .values({
          delegation_id: act.delegationId,
          principal_citizen_id: act.principalCitizenId,
          helper_citizen_id: act.helperCitizenId,
          helper_account_id: act.helperAccountId,
          action: act.action,
          target_id: act.targetId,
          occurred_at: act.at.toISOString(),
        })
        .execute()
    },

    actsForPrincipal(citizenId: string, limit: number) {
      return db
        .selectFrom('delegation_acts')
        .select(['id', 'helper_citizen_id', 'action', 'occurred_at'])
        .where('principal_citizen_id', '=', citizenId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
    },
  }
}

export type DelegationsRepository = ReturnType<typeof createDelegationsRepository>

/** invited / active / ended, or expired once past ends_at (never written: time alone makes it). */
export function stateOf(row: Pick<DelegationRow, 'state' | 'ends_at'>, now: Date): 'invited' | 'active' | 'ended' | 'expired' {
  if (row.state === 'ended') return 'ended'
  return Date.parse(row.ends_at) <= now.getTime() ? 'expired' : row.state
}

export function scopesOf(row: Pick<DelegationRow, 'scopes'>): DelegationScope[] {
  return JSON.parse(row.scopes) as DelegationScope[]
}
