/**
 * What the citizen answered to wx/my.requestSubscribeMessage, per platform account and
 * template. Subscriptions are treated as one-time (一次性订阅): each accept allows one more
 * message (WeChat adds them up the same way), each message queued uses one. A reject leaves
 * earlier accepts usable; a ban (the template or the user's messages switched off) clears them.
 */
import type { Kysely } from 'kysely'
import type { SubscribableTemplateKey } from '../../src/contract/applications/data'
import type { Database } from '../db/database'

export type SubscribeResult = 'accept' | 'reject' | 'ban'

export async function recordSubscription(
  db: Kysely<Database>,
  input: { accountId: string; templateKey: SubscribableTemplateKey; result: SubscribeResult; now: Date },
): Promise<{ remaining: number; lastResult: SubscribeResult }> {
  const at = input.now.toISOString()
  const initial = input.result === 'accept' ? 1 : 0
  await db
    .insertInto('notification_subscriptions')
    .values({ account_id: input.accountId, template_key: input.templateKey, remaining: initial, last_result: input.result, updated_at: at })
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'template_key']).doUpdateSet((eb) => ({
        remaining:
          input.result === 'accept'
            ? eb('notification_subscriptions.remaining', '+', 1)
            : input.result === 'ban'
              ? eb.val(0)
              : eb.ref('notification_subscriptions.remaining'),
        last_result: input.result,
        updated_at: at,
      })),
    )
    .execute()
  const row = await db
    .selectFrom('notification_subscriptions')
    .select(['remaining', 'last_result'])
    .where('account_id', '=', input.accountId)
    .where('template_key', '=', input.templateKey)
    .executeTakeFirstOrThrow()
  return { remaining: Number(row.remaining), lastResult: row.last_result }
}
