import { describe, expect, it } from 'vitest';
import { scoreActualFromLog, scoreActualText } from '@/domain/evaluation/actuals';
import { parseTarget } from '@/domain/targets/parse';

describe('actuals are scored as the form prints them', () => {
  it('a pooled rate of 21/23 is scored as 91.3, the number on the 自评表, so the score can be redone by hand', () => {
    const node = { target: parseTarget('≥95%', { year: 2022 }).spec };
    const a = scoreActualFromLog({ measure: 'rate', value: (21 / 23) * 100, numerator: 21, denominator: 23, entries: 2 }, node, '2022-12-31');
    expect(a).toEqual({ kind: 'number', value: 91.3 });
    expect(scoreActualText(a, node)).toBe('91.3%');
    // Half-up at the printed decimal: 2/3 of 100 = 66.666… → 66.67.
    expect(scoreActualFromLog({ measure: 'satisfaction', value: 200 / 3, numerator: 2, denominator: 3, entries: 1 }, node, '2022-12-31')).toEqual({ kind: 'number', value: 66.67 });
  });
  it('money keeps every fen', () => {
    const node = { target: parseTarget('≤20万元', { year: 2022 }).spec };
    expect(scoreActualFromLog({ measure: 'money', value: 12.345678, amountFen: 12_345_678, entries: 1 }, node, '2022-12-31')).toEqual({ kind: 'number', value: 12.345678 });
  });
});
