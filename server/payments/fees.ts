/** Fees as data: one row per charging item in service_fees, read on the server only. */
import type { Kysely } from 'kysely'
import { yuanText } from '../../src/contract/payments/data'
import type { ServiceFee } from '../../src/contract/payments/schemas'
import type { Database } from '../db/database'
import { demoServiceFees, type DemoServiceFee } from '../seed-data/demo-service-fees'
import './tables'

export async function feeOf(db: Kysely<Database>, itemCode: string): Promise<ServiceFee | null> {
  const row = await db.selectFrom('service_fees').selectAll().where('item_code', '=', itemCode).executeTakeFirst()
  if (!row) return null
  const amountFen = Number(row.amount_fen)
  return { itemCode: row.item_code, amountFen, amountText: amountFen === 0 ? '免费' : yuanText(amountFen), basis: row.basis, collector: row.collector }
}

/** Sets (or replaces) an item's fee. */
export async function putFee(db: Kysely<Database>, fee: DemoServiceFee, now: Date): Promise<void> {
  const values = { amount_fen: fee.amountFen, basis: fee.basis, collector: fee.collector, updated_at: now.toISOString() }
  await db
    .insertInto('service_fees')
    .values({ item_code: fee.itemCode, ...values })
    .onConflict((conflict) => conflict.column('item_code').doUpdateSet(values))
    .execute()
}

/** Adds the demo fees that are missing (matched by item code); an amount changed since is kept. */
export async function seedDemoFees(db: Kysely<Database>, now: Date): Promise<number> {
  let inserted = 0
  for (const fee of demoServiceFees) {
    const result = await db
      .insertInto('service_fees')
      .values({ item_code: fee.itemCode, amount_fen: fee.amountFen, basis: fee.basis, collector: fee.collector, updated_at: now.toISOString() })
      .onConflict((conflict) => conflict.column('item_code').doNothing())
      .executeTakeFirst()
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return inserted
}
