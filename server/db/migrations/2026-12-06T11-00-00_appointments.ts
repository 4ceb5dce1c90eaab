import { sql, type Kysely } from 'kysely'

/*
 * 在线预约: halls (办事大厅) with opening hours, the items each serves and the places per
 * slot, the slots' counters and the citizens' bookings.
 *   halls: hours = JSON [{from, to}] (HH:MM, China time) on working days; slot_minutes the length of a slot.
 *   hall_items: which items a hall takes bookings for, and the default places per slot.
 *   appointment_slots: one row per slot once anyone books it or an operator sets its places;
 *     `booked` is the counter a booking raises with a conditional update (booked < capacity), so two
 *     requests for the last place cannot both win.
 *   appointments: the bookings. One active ('booked') booking per citizen per item: a partial
 *     unique index, so the rule holds under concurrency too.
 *
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('halls')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('address', 'text', (column) => column.notNull())
    .addColumn('hours', 'text', (column) => column.notNull())
    .addColumn('slot_minutes', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema
    .createTable('hall_items')
    .addColumn('hall_id', 'text', (column) => column.notNull().references('halls.id'))
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('capacity', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('hall_items_pk', ['hall_id', 'item_code'])
    .execute()
  await db.schema.createIndex('hall_items_item_idx').on('hall_items').column('item_code').execute()
  await db.schema
    .createTable('appointment_slots')
    .addColumn('hall_id', 'text', (column) => column.notNull().references('halls.id'))
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('date', 'text', (column) => column.notNull())
    .addColumn('start_time', 'text', (column) => column.notNull())
    .addColumn('capacity', 'integer', (column) => column.notNull())
    .addColumn('booked', 'integer', (column) => column.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('appointment_slots_pk', ['hall_id', 'item_code', 'date', 'start_time'])
    .execute()
  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('citizen_id', 'text', (column) => column.notNull().references('citizens.id'))
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('hall_id', 'text', (column) => column.notNull().references('halls.id'))
    .addColumn('date', 'text', (column) => column.notNull())
    .addColumn('start_time', 'text', (column) => column.notNull())
    .addColumn('end_time', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by', 'text')
    .addColumn('reminded_at', 'text')
    .execute()
  await db.schema.createIndex('appointments_citizen_idx').on('appointments').columns(['citizen_id', 'date']).execute()
  await db.schema.createIndex('appointments_reminder_idx').on('appointments').columns(['status', 'date']).execute()
  await db.schema
    .createIndex('appointments_one_active_idx')
    .on('appointments')
    .columns(['citizen_id', 'item_code'])
    .unique()
    .where(sql.ref('status'), '=', 'booked')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointments').execute()
  await db.schema.dropTable('appointment_slots').execute()
  await db.schema.dropTable('hall_items').execute()
  await db.schema.dropTable('halls').execute()
}
