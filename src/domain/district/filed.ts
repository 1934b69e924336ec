import type { Id, IsoDate, IsoDateTime } from '../model';
import type { Light } from '../monitoring/progress';
import type { MonitoringRound, RoundStatus } from '../monitoring/round-types';
import type { Evaluation, EvaluationStatus } from '../evaluation/types';
import type { Grade } from '../scoring/types';

/**
 * What a plan has filed, one small row per filed monitoring round or self-evaluation version: all that the district
 * summary and the deadline reminders need of them. Their records carry frozen forms of tens of kilobytes each; a
 * district's 1,000 of them cost 200 ms and more to walk even as index keys, where these rows come in one read.
 * Drafts have no snapshot and file nothing.
 */
export interface FiledRound {
  key: string;
  kind: 'round';
  id: Id;
  planId: Id;
  year: number;
  status: Exclude<RoundStatus, 'draft'>;
  cutoff: IsoDate;
  submittedAt: IsoDateTime;
  planLight: Light;
}

export interface FiledEvaluation {
  key: string;
  kind: 'evaluation';
  id: Id;
  planId: Id;
  year: number;
  status: Exclude<EvaluationStatus, 'draft'>;
  totalCp: number;
  grade: Grade;
}

export type FiledRow = FiledRound | FiledEvaluation;

export type FiledTable = 'rounds' | 'evaluations';

/** One row per record, whichever table it is in: the record's table and id. */
export const filedKey = (table: FiledTable, id: Id): string => `${table}:${id}`;

/** The filed row of a round or evaluation record, or null while it is a draft (no snapshot). */
export function filedRowOf(table: 'rounds', record: MonitoringRound): FiledRound | null;
export function filedRowOf(table: 'evaluations', record: Evaluation): FiledEvaluation | null;
export function filedRowOf(table: FiledTable, record: MonitoringRound | Evaluation): FiledRow | null;
export function filedRowOf(table: FiledTable, record: MonitoringRound | Evaluation): FiledRow | null {
  if (record.status === 'draft') return null;
  const head = { key: filedKey(table, record.id), id: record.id, planId: record.planId, year: record.year };
  if (table === 'rounds') {
    const r = record as MonitoringRound;
    return r.snapshot && r.submittedAt ? { ...head, kind: 'round', status: r.status as FiledRound['status'], cutoff: r.cutoff, submittedAt: r.submittedAt, planLight: r.snapshot.planLight } : null;
  }
  const e = record as Evaluation;
  return e.snapshot ? { ...head, kind: 'evaluation', status: e.status as FiledEvaluation['status'], totalCp: e.snapshot.scorecard.totalCp, grade: e.snapshot.scorecard.grade } : null;
}
