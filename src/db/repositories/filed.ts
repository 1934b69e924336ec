import Dexie from 'dexie';
import type { Id, IsoDate, IsoDateTime } from '@/domain/model';
import type { Light } from '@/domain/monitoring/progress';
import type { RoundStatus } from '@/domain/monitoring/round-types';
import type { EvaluationStatus } from '@/domain/evaluation/types';
import type { Grade } from '@/domain/scoring/types';
import { EVALUATION_FILED_INDEX, ROUND_FILED_INDEX, db } from '../database';
import { nativeIndex } from '../native';

/**
 * What each plan of a year has filed — its submitted (and superseded) monitoring rounds and its final (and
 * superseded) self-evaluations — read from the keys of the v7 indexes alone, so no frozen form is ever decoded.
 * Drafts carry no snapshot, hence no key, and never appear here. Not for use inside a Dexie transaction: the native
 * read outlives the transaction's own requests, and Dexie reports that as a premature commit.
 */

export interface FiledRound {
  planId: Id;
  status: Exclude<RoundStatus, 'draft'>;
  cutoff: IsoDate;
  submittedAt: IsoDateTime;
  planLight: Light;
}

export interface FiledEvaluation {
  planId: Id;
  status: Exclude<EvaluationStatus, 'draft'>;
  totalCp: number;
  grade: Grade;
}

/** Every key of one index range, through IndexedDB's own key cursor (see nativeIndex). */
function nativeIndexKeys(table: 'rounds' | 'evaluations', index: string, range: IDBKeyRange): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    const idx = nativeIndex(table, index);
    if (!idx) return reject(new Error('the database is not open'));
    const keys: unknown[][] = [];
    const req = idx.openKeyCursor(range);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(keys);
      keys.push(cursor.key as unknown[]);
      cursor.continue();
    };
    req.onerror = () => reject(req.error ?? new Error(`reading ${table}.${index} failed`));
  });
}

/**
 * The keys of the index from [year, status] on, for the given statuses. A live query sees the native read only
 * through a Dexie read of the same year's range (one key of it; the range read is what is observed), read first: a
 * filed record added, changed or removed in that year falls in that range, so the query runs again.
 */
async function keysOf(table: 'rounds' | 'evaluations', index: string, year: number, statuses: readonly string[]): Promise<unknown[][]> {
  await db()[table].where(index).between([year, Dexie.minKey], [year, Dexie.maxKey], true, true).limit(1).primaryKeys();
  const parts = await Promise.all(statuses.map((st) => nativeIndexKeys(table, index, IDBKeyRange.bound([year, st], [year, st, []]))));
  return parts.flat();
}

export async function filedRounds(year: number): Promise<FiledRound[]> {
  const keys = await keysOf('rounds', ROUND_FILED_INDEX, year, ['submitted', 'superseded']);
  return keys.map(([, status, planId, cutoff, submittedAt, planLight]) => ({ planId, status, cutoff, submittedAt, planLight }) as FiledRound);
}

export async function filedEvaluations(year: number): Promise<FiledEvaluation[]> {
  const keys = await keysOf('evaluations', EVALUATION_FILED_INDEX, year, ['final', 'superseded']);
  return keys.map(([, status, planId, totalCp, grade]) => ({ planId, status, totalCp, grade }) as FiledEvaluation);
}
