import type { FiledEvaluation, FiledRound } from '@/domain/district/filed';
import { db } from '../database';

/**
 * What each plan of a year has filed: its submitted (and superseded) monitoring rounds and its final (and superseded)
 * self-evaluations, from the filed table (schema v8, kept by filedMiddleware), so no frozen form is ever decoded.
 * Drafts file nothing. Plain Dexie reads: a live query of them re-runs when a round or evaluation of any year is filed.
 */
export function filedRounds(year: number): Promise<FiledRound[]> {
  return db().filed.where('[kind+year]').equals(['round', year]).toArray() as Promise<FiledRound[]>;
}

export function filedEvaluations(year: number): Promise<FiledEvaluation[]> {
  return db().filed.where('[kind+year]').equals(['evaluation', year]).toArray() as Promise<FiledEvaluation[]>;
}

export type { FiledEvaluation, FiledRound };
