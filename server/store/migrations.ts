/**
 * Schema migrations as code, applied in order at start-up by Kysely's Migrator. Never edit a
 * migration that has shipped; add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { engineOf } from '../../src/report/browser-identity.ts';
import { backfillCaseFigures, type CaseFigureColumn } from './case-figures.ts';
import { backfillVisits } from './run-visit.ts';
import { backfillScores } from './score-backfill.ts';

/** Runs read per page while the engine column is filled in. */
const BACKFILL_PAGE = 500;

/**
 * Fills `runs.engine` of every run that has none from the record it holds (its user agent, and
 * whether it sent client hints), a page at a time. Idempotent: a start-up stopped half-way goes on
 * where it stopped. A record that cannot be read keeps null (shown as "unknown").
 */
async function backfillEngines(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; record: string }>`
      select id, record from runs where engine is null and id > ${after} order by id limit ${BACKFILL_PAGE}
    `.execute(db);
    const last = rows.at(-1);
    if (!last) return;
    const byEngine = new Map<string, string[]>();
    for (const row of rows) {
      let engine: string | undefined;
      try {
        const env = (JSON.parse(row.record) as { env?: { userAgent?: unknown; uaData?: unknown } }).env;
        if (typeof env?.userAgent === 'string')
          engine = engineOf({
            userAgent: env.userAgent,
            ...(env.uaData ? { uaData: env.uaData as never } : {}),
          });
      } catch {
        // not JSON: stays null
      }
      if (engine !== undefined) byEngine.set(engine, [...(byEngine.get(engine) ?? []), row.id]);
    }
    for (const [engine, ids] of byEngine) {
      await sql`update runs set engine = ${engine} where id in (${sql.join(ids)})`.execute(db);
    }
    after = last.id;
  }
}

/** The figure columns as migration 010 made them (later ones are added by later migrations). */
export const FIGURES_010: readonly CaseFigureColumn[] = [
  'first_answer_ms',
  'library_bytes',
  'model_bytes',
  'model_transfer_bytes',
  'wasm_heap_peak_bytes',
  'gpu_peak_bytes',
];

const migrations: Record<string, Migration> = {
  '001-runs-and-cases': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('suite_id', 'text', (c) => c.notNull())
        .addColumn('suite_version', 'text', (c) => c.notNull())
        .addColumn('app_version', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('emulated', 'integer', (c) => c.notNull())
        .addColumn('emulated_device', 'text')
        .addColumn('cpu_throttle', 'double precision')
        .addColumn('browser', 'text', (c) => c.notNull())
        .addColumn('browser_version', 'text', (c) => c.notNull())
        .addColumn('os', 'text', (c) => c.notNull())
        .addColumn('os_version', 'text')
        .addColumn('mobile', 'integer', (c) => c.notNull())
        .addColumn('device_model', 'text')
        .addColumn('gpu_vendor', 'text')
        .addColumn('gpu_architecture', 'text')
        .addColumn('gpu_fallback', 'integer')
        .addColumn('cores', 'integer', (c) => c.notNull())
        .addColumn('device_memory', 'double precision')
        .addColumn('isolated', 'integer', (c) => c.notNull())
        .addColumn('device_group', 'text', (c) => c.notNull())
        .addColumn('device_key', 'text', (c) => c.notNull())
        .addColumn('case_count', 'integer', (c) => c.notNull())
        .addColumn('ok_count', 'integer', (c) => c.notNull())
        .addColumn('body_sha256', 'text', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('runs_received').on('runs').columns(['received_at', 'id']).execute();
      await db.schema.createIndex('runs_device_group').on('runs').column('device_group').execute();
      await db.schema
        .createTable('cases')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('runtime', 'text', (c) => c.notNull())
        .addColumn('backend', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('load_ms', 'double precision')
        .addColumn('init_ms', 'double precision')
        .addColumn('first_ms', 'double precision')
        .addColumn('median_ms', 'double precision')
        .addColumn('mean_ms', 'double precision')
        .addColumn('min_ms', 'double precision')
        .addColumn('p90_ms', 'double precision')
        .addColumn('stdev_ms', 'double precision')
        .addColumn('ci_lo_ms', 'double precision')
        .addColumn('ci_hi_ms', 'double precision')
        .addColumn('n', 'integer')
        .addColumn('check_ok', 'integer')
        .addColumn('check_metric', 'text')
        .addColumn('check_value', 'double precision')
        .addPrimaryKeyConstraint('cases_pk', ['run_id', 'idx'])
        .execute();
      await db.schema.createIndex('cases_model_status').on('cases').columns(['model', 'status']).execute();
      await db.schema
        .createIndex('cases_runtime_backend')
        .on('cases')
        .columns(['runtime', 'backend'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('cases').execute();
      await db.schema.dropTable('runs').execute();
      await sql`select 1`.execute(db);
    },
  },
  // No query reads cases by these columns alone (the list filters through the primary key, the
  // summary is kept in memory), and keeping them up to date cost a quarter of the write time.
  '002-drop-unused-case-indexes': {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('cases_model_status').ifExists().execute();
      await db.schema.dropIndex('cases_runtime_backend').ifExists().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.createIndex('cases_model_status').on('cases').columns(['model', 'status']).execute();
      await db.schema
        .createIndex('cases_runtime_backend')
        .on('cases')
        .columns(['runtime', 'backend'])
        .execute();
    },
  },
  // Scenario results (issue 7), one row per entry of a run's optional `scenarios` array, with the
  // run's device fields copied so the list and the summary never join `runs`.
  '003-scenario-results': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scenario_results')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('scenario_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('headline_metric', 'text')
        .addColumn('headline_value', 'double precision')
        .addColumn('visibility_lost', 'integer', (c) => c.notNull())
        .addColumn('device_group', 'text', (c) => c.notNull())
        .addColumn('device_model', 'text')
        .addColumn('browser', 'text', (c) => c.notNull())
        .addColumn('emulated', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('scenario_results_pk', ['run_id', 'idx'])
        .execute();
      await db.schema
        .createIndex('scenario_results_received')
        .on('scenario_results')
        .columns(['received_at', 'run_id', 'idx'])
        .execute();
      await db.schema
        .createIndex('scenario_results_scenario')
        .on('scenario_results')
        .columns(['scenario_id', 'received_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('scenario_results').execute();
    },
  },
  // A suite case during which the page lost visibility twice (re-measured once, then marked):
  // kept in the store and the export, left out of the summary. Null for every earlier case.
  '004-case-visibility-lost': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('cases').addColumn('visibility_lost', 'integer').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('cases').dropColumn('visibility_lost').execute();
    },
  },
  // The browser engine (Blink, Gecko, WebKit): the summary keeps engines apart (Chrome on iOS is
  // WebKit). New runs get it at ingest; 006 fills it in for the runs stored before.
  '005-run-engine': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('engine', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').dropColumn('engine').execute();
    },
  },
  // Apart from 005 so that a start-up stopped during the fill (SQLite migrations are not one
  // transaction) does not try to add the column again.
  '006-run-engine-backfill': {
    async up(db: Kysely<unknown>) {
      await backfillEngines(db);
    },
    async down() {},
  },
  // The score the server computes at ingest (src/report/score.ts), for `GET /api/compare` and the
  // dashboard; 008 fills it in for the runs stored before. One partial index per class holds
  // exactly what a comparison reads (version, real or emulated, device group, score, device key),
  // so the per-group medians are computed from the index alone and unscored runs cost nothing;
  // `runs_similar` finds the newest runs of devices like this one (same OS and GPU vendor).
  '007-run-scores': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('score_version', 'text').execute();
      await db.schema.alterTable('runs').addColumn('score_cpu', 'double precision').execute();
      await db.schema.alterTable('runs').addColumn('score_gpu', 'double precision').execute();
      for (const scoreClass of ['cpu', 'gpu'] as const) {
        const column = `score_${scoreClass}`;
        await db.schema
          .createIndex(`runs_score_${scoreClass}`)
          .on('runs')
          .columns(['score_version', 'emulated', 'device_group', column, 'device_key'])
          .where(sql.ref(column), 'is not', null)
          .execute();
      }
      await db.schema
        .createIndex('runs_similar')
        .on('runs')
        .columns(['os', 'gpu_vendor', 'emulated', 'received_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('runs_similar').ifExists().execute();
      await db.schema.dropIndex('runs_score_gpu').ifExists().execute();
      await db.schema.dropIndex('runs_score_cpu').ifExists().execute();
      await db.schema.alterTable('runs').dropColumn('score_gpu').execute();
      await db.schema.alterTable('runs').dropColumn('score_cpu').execute();
      await db.schema.alterTable('runs').dropColumn('score_version').execute();
    },
  },
  // Apart from 007 for the same reason as 006: a fill stopped half-way goes on at the next start.
  '008-run-scores-backfill': {
    async up(db: Kysely<unknown>) {
      await backfillScores(db);
    },
    async down() {},
  },
  // Contributors delete their own runs (DELETE /api/runs/:id): the sha256 of the random token
  // handed out once with the 201. Null for runs stored before, which no token deletes.
  '009-run-delete-token': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('delete_token_sha256', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').dropColumn('delete_token_sha256').execute();
    },
  },
  // Cold start and memory (issue 18): time to the first answer, the library's and the model's
  // bytes, the peak WebAssembly heap and GPU bytes of each case (case-figures.ts), for the summary
  // and the export; null where the record does not say. 011 fills them in for the runs stored
  // before. Bytes are doubles: PostgreSQL's integer stops at 2 GiB and its bigint reads back as text.
  '010-case-figures': {
    async up(db: Kysely<unknown>) {
      for (const column of FIGURES_010)
        await db.schema.alterTable('cases').addColumn(column, 'double precision').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of FIGURES_010) await db.schema.alterTable('cases').dropColumn(column).execute();
    },
  },
  // Apart from 010 for the same reason as 006 and 008.
  '011-case-figures-backfill': {
    async up(db: Kysely<unknown>) {
      await backfillCaseFigures(db, FIGURES_010, ['coldStart', 'memory', 'modelFiles']);
    },
    async down() {},
  },
  // First vs repeat visit (issue 18): the record's `visit`, so the summary can say what caching
  // saved; and the whole page's memory of each case (`memory.pageBytes`). 013 fills both in for
  // the runs stored before.
  '012-run-visit-and-page-bytes': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('visit', 'text').execute();
      await db.schema.alterTable('cases').addColumn('page_bytes', 'double precision').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('cases').dropColumn('page_bytes').execute();
      await db.schema.alterTable('runs').dropColumn('visit').execute();
    },
  },
  // Apart from 012 for the same reason as 006: each fill goes on where a stopped one left off.
  '013-run-visit-and-page-bytes-backfill': {
    async up(db: Kysely<unknown>) {
      await backfillVisits(db);
      await backfillCaseFigures(db, ['page_bytes'], ['pageBytes']);
    },
    async down() {},
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Applies every pending migration and returns their names (or, with `upTo`, those up to and including that one: tests
 * build a store as an older version left it); throws naming the failing migration (or saying that
 * the migration bookkeeping itself failed). `schema` pins Kysely's own bookkeeping tables to the
 * schema the data lives in: without it, on PostgreSQL, Kysely finds `kysely_migration` of any
 * other schema in the same database, skips creating its own, and then fails.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  schema?: string,
  upTo?: string,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const what = failed ? `migration ${failed.migrationName}` : 'migration set-up';
    throw new Error(`database ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The schema unqualified names resolve to on PostgreSQL (first of the search_path that exists). */
export async function currentSchema(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema)
    throw new Error('PostgreSQL has no current schema: check search_path and that the schema exists');
  return schema;
}
