import type { Kysely } from 'kysely'

/*
 * The service catalogue (一网通办事项): one row per item with its whole 办事指南. List-like
 * parts of the guide (aliases, life events, conditions, materials, FAQ, the application
 * form) are JSON text: they are always read and written with their item, never queried
 * on their own. Search has its own index (a later migration, per dialect).
 * Frozen in time: no app imports.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_items')
    // The item code (事项编码), e.g. 11100000000013127D3440117000; stable across imports.
    .addColumn('code', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    // JSON array of other names citizens search by (e.g. 身份证换领 for 居民身份证换领).
    .addColumn('aliases', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('department', 'text', (column) => column.notNull())
    // JSON array: 'personal' (个人) and/or 'legal_person' (法人).
    .addColumn('audiences', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    // JSON array of life-event keys (birth, school, employment, marriage, retirement, business_startup…).
    .addColumn('life_events', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('region', 'text', (column) => column.notNull())
    .addColumn('legal_basis', 'text', (column) => column.notNull())
    // JSON array of strings.
    .addColumn('conditions', 'text', (column) => column.notNull())
    // JSON array of { name, copies, form, note?, certificateType? }.
    .addColumn('materials', 'text', (column) => column.notNull())
    .addColumn('fees', 'text', (column) => column.notNull())
    // Promised time limit in working days (承诺时限); 0 = 即办.
    .addColumn('time_limit_days', 'integer', (column) => column.notNull())
    // info | appointment | pre_review | full_online (信息公开 / 在线预约 / 在线预审 / 全程网办).
    .addColumn('online_level', 'text', (column) => column.notNull())
    .addColumn('counter_address', 'text', (column) => column.notNull())
    .addColumn('counter_hours', 'text', (column) => column.notNull())
    .addColumn('contact_phone', 'text')
    // JSON array of { question, answer }.
    .addColumn('faq', 'text', (column) => column.notNull().defaultTo('[]'))
    // JSON FormSchema for full_online items; null otherwise.
    .addColumn('form_schema', 'text')
    // draft | published | retired: only published items are visible to citizens.
    .addColumn('status', 'text', (column) => column.notNull())
    // How often it is used (views, applications); ranks search results after the match.
    .addColumn('popularity', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('published_at', 'text')
    .execute()
  await db.schema.createIndex('service_items_status_idx').on('service_items').columns(['status', 'category']).execute()
  await db.schema.createIndex('service_items_department_idx').on('service_items').column('department').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_items').execute()
}
