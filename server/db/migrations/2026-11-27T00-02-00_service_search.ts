import { PostgresAdapter, sql, type Kysely } from 'kysely'

/*
 * Search over the service catalogue, and what citizens searched for and opened.
 *
 * `service_items.search_text` holds what a search matches: name, aliases and department,
 * one per line, each character width-folded (NFKC) and lower-cased, so ＡＢＣ, abc and Abc
 * match alike. The app writes it with the item. Each dialect indexes it for substring
 * search of 3+ characters:
 * - SQLite: an FTS5 table with the trigram tokenizer (`service_items_fts`), kept in step by
 *   triggers, queried with a quoted phrase (a substring match);
 * - PostgreSQL: the pg_trgm extension and a GIN trigram index, used by `like '%…%'`.
 * Trigrams cannot serve 1-2 character queries; the app scans the published items for those.
 *
 * service_searches: every search (normalised text, result count, top item, who and where
 * if known); zero-result rows are the demand report's "searched, not found".
 * service_views: every time a guide is opened.
 * Frozen in time: no app imports.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** A frozen copy of the app's folding at the time of writing: per character NFKC, lower case. */
function fold(text: string): string {
  return Array.from(text, (character) => character.normalize('NFKC').toLowerCase()).join('')
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema.alterTable('service_items').addColumn('search_text', 'text', (column) => column.notNull().defaultTo('')).execute()
  const rows = await db.selectFrom('service_items').select(['code', 'name', 'aliases', 'department']).execute()
  for (const row of rows as { code: string; name: string; aliases: string; department: string }[]) {
    const aliases = JSON.parse(row.aliases) as string[]
    await db
      .updateTable('service_items')
      .set({ search_text: fold([row.name, ...aliases, row.department].join('\n')) })
      .where('code', '=', row.code)
      .execute()
  }

  if (postgres) {
    // CREATE EXTENSION IF NOT EXISTS races with itself across sessions (parallel test
    // schemas, several nodes migrating at once): serialise it for this transaction.
    await sql`select pg_advisory_xact_lock(hashtext('gov-mini:create-extension:pg_trgm'))`.execute(db)
    // Into `public` when there is one, never into the connection's first schema: a schema
    // dropped with cascade would take the extension, and every index using it, along.
    const { rows: publicSchema } = await sql<{ found: number }>`select 1 as found from pg_namespace where nspname = 'public'`.execute(db)
    if (publicSchema.length > 0) await sql`create extension if not exists pg_trgm with schema public`.execute(db)
    else await sql`create extension if not exists pg_trgm`.execute(db)
    // The operator class lives wherever the extension was installed (often public), which
    // need not be on this connection's search_path: qualify it.
    const { rows: found } = await sql<{ schema: string }>`
      select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'
    `.execute(db)
    const schema = found[0]!.schema
    // fastupdate off: the catalogue is written by rare imports and read by every search, so
    // new rows go straight into the index instead of a pending list each search would scan.
    await sql`
      create index service_items_search_trgm_idx on service_items using gin (search_text ${sql.id(schema)}.gin_trgm_ops) with (fastupdate = off)
    `.execute(db)
  } else {
    await sql`create virtual table service_items_fts using fts5(code unindexed, search_text, tokenize = 'trigram')`.execute(db)
    await sql`insert into service_items_fts (code, search_text) select code, search_text from service_items`.execute(db)
    await sql`
      create trigger service_items_fts_insert after insert on service_items begin
        insert into service_items_fts (code, search_text) values (new.code, new.search_text);
      end
    `.execute(db)
    await sql`
      create trigger service_items_fts_update after update of code, search_text on service_items begin
        delete from service_items_fts where code = old.code;
        insert into service_items_fts (code, search_text) values (new.code, new.search_text);
      end
    `.execute(db)
    await sql`
      create trigger service_items_fts_delete after delete on service_items begin
        delete from service_items_fts where code = old.code;
      end
    `.execute(db)
  }

  await db.schema
    .createTable('service_searches')
    .addColumn('id', 'integer', (column) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement()))
    // Normalised as searched (folded, lower case, spaces collapsed), so counts group well.
    .addColumn('query', 'text', (column) => column.notNull())
    .addColumn('result_count', 'integer', (column) => column.notNull())
    // The first result's code; null when nothing was found.
    .addColumn('top_code', 'text')
    // The platform account, when the search was made logged in (no foreign key: searches outlive accounts).
    .addColumn('account_id', 'text')
    // weapp | alipay | h5 | h5dev, when known.
    .addColumn('platform', 'text')
    .addColumn('searched_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('service_searches_result_idx').on('service_searches').columns(['result_count', 'searched_at']).execute()
  await db.schema.createIndex('service_searches_time_idx').on('service_searches').column('searched_at').execute()

  await db.schema
    .createTable('service_views')
    .addColumn('id', 'integer', (column) => (postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement()))
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('account_id', 'text')
    .addColumn('viewed_at', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('service_views_item_idx').on('service_views').columns(['item_code', 'viewed_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_views').execute()
  await db.schema.dropTable('service_searches').execute()
  if (isPostgres(db)) {
    // The extension stays: other schemas or databases' objects may use it.
    await sql`drop index service_items_search_trgm_idx`.execute(db)
  } else {
    await sql`drop trigger service_items_fts_delete`.execute(db)
    await sql`drop trigger service_items_fts_update`.execute(db)
    await sql`drop trigger service_items_fts_insert`.execute(db)
    await sql`drop table service_items_fts`.execute(db)
  }
  await db.schema.alterTable('service_items').dropColumn('search_text').execute()
}
