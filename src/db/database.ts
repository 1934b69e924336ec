import Dexie, { type EntityTable } from 'dexie';
import type { BudgetLine, IndicatorNode, Plan, Unit } from '@/domain/model';
import type { ActivityEntry, IndicatorRollup, SpendingEntry } from '@/domain/actuals/types';
import type { MonitoringRound } from '@/domain/monitoring/round-types';
import type { Evaluation } from '@/domain/evaluation/types';
import type { AuditRecord, MetaRecord } from './records';
import type { OutboxRow, SyncClashRow, SyncRevRow, VersionRow } from './versioning/rows';
import { versioningMiddleware } from './versioning/middleware';
import { filedMiddleware } from './filed/middleware';
import { filedRowOf, type FiledRow } from '@/domain/district/filed';

export const DB_NAME = 'jixiao';

/**
 * The one Dexie database.
 *
 * Upgrade plan: a released version's stores() line is never edited. A change adds version(n + 1) with the new
 * stores() and, when existing rows must change shape, an upgrade() that is idempotent (it may run on rows that
 * already have the new shape) and is covered by a test that opens a fixture database of every released version.
 * Only indexes are declared; other fields are stored without being listed.
 */
/** v7's indexes of filed rounds and evaluations (index keys as digests), replaced by the filed table in v8. */
const ROUND_FILED_INDEX = '[year+status+planId+cutoff+submittedAt+snapshot.planLight]';
const EVALUATION_FILED_INDEX = '[year+status+planId+snapshot.scorecard.totalCp+snapshot.scorecard.grade]';

export class JixiaoDb extends Dexie {
  units!: EntityTable<Unit, 'id'>;
  plans!: EntityTable<Plan, 'id'>;
  budgetLines!: EntityTable<BudgetLine, 'id'>;
  indicators!: EntityTable<IndicatorNode, 'id'>;
  audit!: EntityTable<AuditRecord, 'id'>;
  meta!: EntityTable<MetaRecord, 'key'>;
  entries!: EntityTable<ActivityEntry, 'id'>;
  rollups!: EntityTable<IndicatorRollup, 'indicatorId'>;
  spending!: EntityTable<SpendingEntry, 'id'>;
  rounds!: EntityTable<MonitoringRound, 'id'>;
  evaluations!: EntityTable<Evaluation, 'id'>;
  versions!: EntityTable<VersionRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'key'>;
  syncRevs!: EntityTable<SyncRevRow, 'key'>;
  syncClashes!: EntityTable<SyncClashRow, 'key'>;
  filed!: EntityTable<FiledRow, 'key'>;

  constructor(name = DB_NAME) {
    // 'strict': Chrome and Edge flush each commit to disk before reporting success. A save the user saw succeed must
    // survive a power cut or an OS crash, not only a closed tab; the writes here are small, so the cost is too.
    super(name, { chromeTransactionDurability: 'strict' });
    // v1 (first release): plans per unit and year; indicator rows flat by plan; audit rows by entity and time.
    this.version(1).stores({
      units: 'id',
      plans: 'id, unitId, year, seedKey',
      budgetLines: 'id, planId',
      indicators: 'id, planId, parentId',
      audit: 'id, at, entityId, planId',
      meta: 'key',
    });
    // v2: the activity log. Entries are queried by plan and date range (list, filters) and by indicator and
    // day (rollup upkeep); per-indicator rollups are kept on write so dashboards never scan entries; spending
    // feeds budget execution. New tables only: v1 rows are untouched, so no upgrade() is needed.
    this.version(2).stores({
      entries: 'id, planId, indicatorId, [indicatorId+date], [planId+date], recordedBy',
      rollups: 'indicatorId, planId',
      spending: 'id, planId, [planId+date]',
    });
    // v3: mid-year monitoring. Monitoring rounds by plan, by series (the versions of one round) and by year (the
    // manager's view). Budget lines gain 上年结转资金 and dated adjustments (年初 vs 全年预算数): v2 lines had neither,
    // so they get 0 and none — 年初 = 全年 = the amounts they had. Target adjustments and a spending row's fund source
    // are optional fields and need no upgrade.
    this.version(3)
      .stores({ rounds: 'id, planId, seriesId, year' })
      .upgrade((tx) =>
        tx
          .table('budgetLines')
          .toCollection()
          .modify((line: Partial<BudgetLine>) => {
            // Idempotent: a line that already has the v3 fields keeps them.
            if (typeof line.carryoverFen !== 'number') line.carryoverFen = 0;
            if (!Array.isArray(line.adjustments)) line.adjustments = [];
          }),
      );
    // v4: year-end self-evaluations, by plan and by series (the versions of one evaluation). A new table only.
    this.version(4).stores({ evaluations: 'id, planId, seriesId, year' });
    // v5: per-field versions and tombstones of every synced record, for merging colleagues' bundles (and later sync).
    // By plan, so a bundle of chosen plans carries their deletions. Records written before v5 have no row and count
    // as written by the shared legacy device at their rev, so no upgrade() is needed: nothing existing is rewritten.
    this.version(5).stores({ versions: 'key, planId' });
    // v6: live sync through CouchDB (issue #11). The outbox holds the key of every record changed here and not yet
    // in the sync replica, written in the same transaction as the record's version row; syncRevs holds the CouchDB
    // revision each record was last synced at, and syncClashes the clashes waiting for the user. All three are this
    // device's replication state, never in a backup (a restore's rows enter the outbox and are pushed again). New
    // tables only: existing records are pushed by the first connection, which sends every record of the unit.
    this.version(6).stores({ outbox: 'key', syncRevs: 'key', syncClashes: 'key, table' });
    // v7: what was filed per plan, answered from index keys alone. The district summary and the backup reminder need
    // only each plan's filed round (cut-off, light) and final evaluation (total, grade); reading the records decoded
    // every frozen form on the page's thread (about 40 MB for a district of 1,000 plans). A record lacks a key while
    // it has no snapshot (a draft), so only filed versions are indexed. Indexes only: no row changes, no upgrade().
    this.version(7).stores({
      rounds: `id, planId, seriesId, year, ${ROUND_FILED_INDEX}`,
      evaluations: `id, planId, seriesId, year, ${EVALUATION_FILED_INDEX}`,
    });
    // v8: what was filed per plan, as rows of its own. v7's index keys still had to be walked with a cursor, 1,000
    // keys per table in 200 ms and more at district scale; a small row per filed version comes in one getAll. The
    // rows are derived (like rollups): kept by filedMiddleware in the writer's transaction, filled here from the
    // records, never in a backup. The v7 indexes go.
    this.version(8)
      .stores({ rounds: 'id, planId, seriesId, year', evaluations: 'id, planId, seriesId, year', filed: 'key, [kind+year]' })
      .upgrade(async (tx) => {
        // Idempotent: a row is put by its key, so a second run writes the same rows.
        const rows: FiledRow[] = [];
        const keep = (row: FiledRow | null) => row && rows.push(row);
        await tx.table('rounds').each((r: MonitoringRound) => keep(filedRowOf('rounds', r)));
        await tx.table('evaluations').each((e: Evaluation) => keep(filedRowOf('evaluations', e)));
        await tx.table('filed').bulkPut(rows);
      });
    this.use(versioningMiddleware);
    this.use(filedMiddleware);
  }
}

let instance: JixiaoDb | null = null;

/** The app's database; tests may swap in their own with useDb(). */
export function db(): JixiaoDb {
  if (!instance) instance = new JixiaoDb();
  return instance;
}

export function useDb(next: JixiaoDb): void {
  instance = next;
}
