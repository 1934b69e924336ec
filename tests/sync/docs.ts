/** Documents in the shape the client bridge writes (server/couchdb/design/validate.js), for the contract tests. */
export interface SyncDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  table: string;
  unitId: string;
  record: Record<string, unknown> & { id: string };
  versions: Record<string, unknown>;
  updatedBy: string;
}

let n = 0;
export const nextId = (prefix = 'r'): string => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;

export function docOf(table: string, unitId: string, record: Record<string, unknown> & { id: string }, updatedBy: string): SyncDoc {
  return { _id: `${table}:${record.id}`, table, unitId, record, versions: { [record.id]: [['dev1', 1]] }, updatedBy };
}

const at = '2022-07-01T08:00:00.000Z';

/** A monitoring round record (src/domain/monitoring/round-types.ts), as far as the rules look at it. */
export function roundRecord(status: 'draft' | 'submitted' | 'superseded', extra: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return {
    id: nextId('round'), planId: 'plan1', seriesId: 'series1', version: 1, status, cutoff: '2022-06-30',
    inputs: { rows: {}, goalProgress: 'half done', goalForecast: '', corrective: '', budgetForecastFen: null, rectify: { needed: false, advice: '', result: '' } },
    createdBy: '张三', createdAt: at, updatedAt: at, rev: 3,
    ...(status === 'submitted' ? { submittedAt: at, submittedBy: '张三', snapshot: { rows: [] } } : {}),
    ...extra,
  };
}

/** A self-evaluation record (src/domain/evaluation/types.ts), as far as the rules look at it. */
export function evaluationRecord(status: 'draft' | 'final' | 'superseded'): Record<string, unknown> & { id: string } {
  return {
    id: nextId('eval'), planId: 'plan1', year: 2022, seriesId: 'series2', version: 1, status, ruleSetId: 'mof-2020-10',
    inputs: { rows: {} }, createdBy: '李四', createdAt: at, updatedAt: at, rev: 5,
    ...(status === 'final' ? { finalisedAt: at, finalisedBy: '李四', snapshot: { total: 92.5 } } : {}),
  };
}

/** The one change the rules allow to a locked record (versioned.ts lockDraft): marked superseded by a new version. */
export function superseded<R extends Record<string, unknown> & { rev?: unknown }>(rec: R, by: string): R {
  const now = '2022-08-01T08:00:00.000Z';
  return { ...rec, status: 'superseded', supersededBy: by, supersededAt: now, rev: Number(rec.rev) + 1, updatedAt: now };
}
