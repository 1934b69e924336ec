import { describe, expect, it } from 'vitest';
import { evaluationInputsProblem } from '@/domain/evaluation/validate';
import { emptyEvaluationInputs, type EvalRowInput } from '@/domain/evaluation/types';

const withRow = (row: EvalRowInput) => ({ ...emptyEvaluationInputs(), rows: { a: row } });

describe('evaluation inputs as stored (what a backup must accept)', () => {
  it('accepts whole centi-points, finite overrides and real dates', () => {
    expect(evaluationInputsProblem(withRow({ explanation: 'x', bandScoreCp: 280, deductionCp: 10, adjustment: { scoreCp: 300, reason: '取整' }, override: { text: '95', actual: { kind: 'number', value: 95 }, note: 'n' } }))).toBeNull();
    expect(evaluationInputsProblem(withRow({ explanation: '', override: { text: '未完成', actual: { kind: 'date', done: null }, note: 'n' } }))).toBeNull();
  });
  it('names the first field a backup would refuse', () => {
    expect(evaluationInputsProblem(withRow({ explanation: '', adjustment: { scoreCp: 3.5, reason: 'x' } }))).toBe('rows.a.adjustment');
    expect(evaluationInputsProblem(withRow({ explanation: '', bandScoreCp: Number.NaN }))).toBe('rows.a.bandScoreCp');
    expect(evaluationInputsProblem(withRow({ explanation: '', deductionCp: -5 }))).toBe('rows.a.deductionCp');
    expect(evaluationInputsProblem(withRow({ explanation: '', override: { text: 'x', actual: { kind: 'number', value: Number.POSITIVE_INFINITY }, note: '' } }))).toBe('rows.a.override');
    expect(evaluationInputsProblem(withRow({ explanation: '', override: { text: 'x', actual: { kind: 'date', done: '2022-02-30' }, note: '' } }))).toBe('rows.a.override');
  });
});
