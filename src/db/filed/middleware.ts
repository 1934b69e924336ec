import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { filedKey, filedRowOf, type FiledTable } from '@/domain/district/filed';
import type { MonitoringRound } from '@/domain/monitoring/round-types';
import type { Evaluation } from '@/domain/evaluation/types';

/**
 * Keeps the `filed` table (one small row per filed round or evaluation version, see domain/district/filed.ts) in step
 * with every write to rounds and evaluations, in the same transaction, whichever path wrote them: the repositories,
 * a restore, a bundle merge or sync. Like the rollups, the rows are derived: never in a file, rebuilt from the records.
 */
const FILED_TABLES: ReadonlySet<string> = new Set<FiledTable>(['rounds', 'evaluations']);

/** A schema upgrade fills the table itself (v8); nothing else writes around this middleware. */
const isUpgrade = (trans: DBCoreTransaction): boolean => (trans as Partial<IDBTransaction>).mode === 'versionchange';

export const filedMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'jixiao-filed',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.some((s) => FILED_TABLES.has(s)) && !stores.includes('filed') ? [...stores, 'filed'] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!FILED_TABLES.has(name)) return table;
        return { ...table, mutate: (req) => (isUpgrade(req.trans) ? table.mutate(req) : withFiled(down, table, name as FiledTable, req)) };
      },
    };
  },
};

// No async/await: the lower middlewares read Dexie's zone, which only Dexie's own promises carry (as in versioning).
function withFiled(down: DBCore, table: DBCoreTable, name: FiledTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const filed = down.table('filed');
  const { trans } = req;
  if (req.type === 'deleteRange') {
    // The ids first: after the delete they are gone.
    return table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } }).then(({ result }) =>
      table.mutate(req).then((res) => (result.length ? filed.mutate({ trans, type: 'delete', keys: result.map((id) => filedKey(name, String(id))) }).then(() => res) : res)),
    );
  }
  return table.mutate(req).then((res) => {
    const ok = (i: number) => !res.failures[i];
    if (req.type === 'delete') {
      const keys = req.keys.filter((_, i) => ok(i)).map((id) => filedKey(name, String(id)));
      return keys.length ? filed.mutate({ trans, type: 'delete', keys }).then(() => res) : res;
    }
    const put: object[] = [];
    const gone: string[] = [];
    req.values.forEach((v, i) => {
      if (!ok(i)) return;
      const record = v as MonitoringRound & Evaluation;
      const row = filedRowOf(name, record);
      if (row) put.push(row);
      else gone.push(filedKey(name, record.id));
    });
    const writes: PromiseLike<unknown>[] = [];
    if (put.length) writes.push(filed.mutate({ trans, type: 'put', values: put }));
    if (gone.length) writes.push(filed.mutate({ trans, type: 'delete', keys: gone }));
    return writes.length ? Dexie.Promise.all(writes).then(() => res) : res;
  });
}
