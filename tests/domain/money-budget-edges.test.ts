import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '@/domain/model';
import { lineAdjustmentProblem, validateAdjustment, validateBudgetDrafts, type AdjustmentDraft } from '@/domain/budget';
import { formatWan, formatYuan, parseWanToFen, parseYuanToFen, wan } from '@/domain/money';
import { formatPoints } from '@/domain/points';
import { initial, initials } from '@/domain/pinyin';
import { backupReminder, defaultDeadlines, type Deadline } from '@/domain/reminders';
import { SpendingInvalidError } from '@/domain/errors';
import { copyPlanToYear } from '@/domain/plan-copy';
import { parseTarget } from '@/domain/targets/parse';

/** Money text both ways, budget lines and their adjustments as typed and as stored, points, search initials, reminders. */

describe('money text', () => {
  it('万元: thousands groups of any length of three, spaces and the unit tolerated, nothing after the unit', () => {
    expect(parseWanToFen('12,345')).toBe(12_345_000_000);
    expect(parseWanToFen('1,234,567.5')).toBe(1_234_567_500_000);
    expect(parseWanToFen(' 12.5 万元 ')).toBe(12_500_000);
    expect(parseWanToFen('12万元5')).toBeNull();
    expect(parseWanToFen('100000000000')).toBeNull(); // beyond exact integers of fen
  });
  it('元: the same, and only 元 at the end', () => {
    expect(parseYuanToFen(' 1,500.50 元')).toBe(150_050);
    expect(parseYuanToFen('15元00')).toBeNull();
  });
  it('formatWan without decimals rounds half-up and prints no point; formatYuan keeps the sign', () => {
    expect(formatWan(12_500_000, 0)).toBe('13');
    expect(formatWan(-12_345_678)).toBe('-12.35');
    expect(formatYuan(-150_050)).toBe('-1,500.50');
    expect(formatYuan(0)).toBe('0.00');
  });
  it('wan() refuses what is not an amount, saying which', () => {
    expect(() => wan('abc')).toThrow('not a 万元 amount: abc');
  });
  it('points keep their sign', () => {
    expect(formatPoints(-358)).toBe('-3.58');
    expect(formatPoints(0)).toBe('0.00');
  });
});

describe('budget line drafts', () => {
  it('blank amounts are 0; names and contents are trimmed; an id is kept', () => {
    const { values, errors } = validateBudgetDrafts([{ id: 'l1', name: ' 经费 ', content: ' 说明 ', fiscalWan: '  ', carryoverWan: '1', otherWan: '' }]);
    expect(errors).toEqual([]);
    expect(values).toEqual([{ id: 'l1', name: '经费', content: '说明', fiscalFen: 0, carryoverFen: 1_000_000, otherFen: 0 }]);
  });
  it('a name of spaces is missing; a bad 上年结转 names its own field', () => {
    expect(validateBudgetDrafts([{ name: '  ', content: '', fiscalWan: '', carryoverWan: 'x', otherWan: '' }]).errors).toEqual([
      { row: 0, field: 'name', code: 'required' },
      { row: 0, field: 'carryoverWan', code: 'badAmount' },
    ]);
  });
});

describe('validateAdjustment: signs and what stays a problem next to another one', () => {
  const line = (adjustments?: BudgetLine['adjustments']): BudgetLine => ({
    id: 'l', createdAt: '', updatedAt: '', rev: 1, planId: 'p', name: '经费', content: '', order: 1,
    fiscalFen: 20_000_000, carryoverFen: 0, otherFen: 0, ...(adjustments ? { adjustments } : {}),
  } as BudgetLine);
  const draft = (over: Partial<AdjustmentDraft>): AdjustmentDraft => ({ date: '2022-05-01', source: 'fiscal', amountWan: '5', reason: '追加', ...over });

  it('" +20 " is a top-up of 20 万元; "20+" and "20-" are not amounts', () => {
    expect(validateAdjustment(draft({ amountWan: ' +20 ' }), 2022, line()).value?.amountFen).toBe(20_000_000);
    expect(validateAdjustment(draft({ amountWan: '20+' }), 2022, line()).errors).toEqual([{ field: 'amountWan', code: 'badAmount' }]);
    expect(validateAdjustment(draft({ amountWan: '20-' }), 2022, line()).errors).toEqual([{ field: 'amountWan', code: 'badAmount' }]);
  });

  it('a cut below zero is reported with a bad date or a missing reason too', () => {
    expect(validateAdjustment(draft({ date: 'bad', amountWan: '-30' }), 2022, line()).errors).toEqual([
      { field: 'date', code: 'badDate' },
      { field: 'amountWan', code: 'negativeResult' },
    ]);
    expect(validateAdjustment(draft({ date: 'bad', amountWan: '-20' }), 2022, line()).errors).toEqual([{ field: 'date', code: 'badDate' }]);
    expect(validateAdjustment(draft({ reason: '', amountWan: '-30' }), 2022, line()).errors).toEqual([
      { field: 'reason', code: 'required' },
      { field: 'amountWan', code: 'negativeResult' },
    ]);
  });

  it('a line stored before adjustments existed (v2) takes one', () => {
    expect(validateAdjustment(draft({ amountWan: '-20' }), 2022, line(undefined)).errors).toEqual([]);
  });
});

describe('lineAdjustmentProblem: a line as stored', () => {
  const adj = (over: Partial<BudgetLine['adjustments'][number]>) => ({ id: 'a', date: '2022-05-01', source: 'fiscal' as const, amountFen: 1_000_000, reason: '追加', ...over });
  const line = (adjustments?: BudgetLine['adjustments']): BudgetLine => ({
    id: 'l', createdAt: '', updatedAt: '', rev: 1, planId: 'p', name: '经费', content: '', order: 1,
    fiscalFen: 20_000_000, carryoverFen: 5_000_000, otherFen: 0, ...(adjustments ? { adjustments } : {}),
  } as BudgetLine);

  it('fine: none, or whole non-zero amounts dated in the year with a reason', () => {
    expect(lineAdjustmentProblem(line(undefined), 2022)).toBeNull();
    expect(lineAdjustmentProblem(line([]), 2022)).toBeNull();
    expect(lineAdjustmentProblem(line([adj({}), adj({ date: '2022-06-01', amountFen: -21_000_000 })]), 2022)).toBeNull();
  });

  it.each<[string, Partial<BudgetLine['adjustments'][number]>, string]>([
    ['an impossible date', { date: '2022-02-30' }, 'badDate'],
    ['a date of another year', { date: '2023-01-01' }, 'outsideYear'],
    ['a fraction of a fen', { amountFen: 0.5 }, 'badAmount'],
    ['no amount', { amountFen: 0 }, 'zero'],
    ['a reason of spaces', { reason: '  ' }, 'required'],
  ])('%s → %s', (_what, over, code) => {
    expect(lineAdjustmentProblem(line([adj({}), adj(over)]), 2022)).toBe(code);
  });

  it('negativeResult: any source below zero on any adjustment day, even if a later top-up covers it', () => {
    expect(lineAdjustmentProblem(line([adj({ date: '2022-03-01', amountFen: -21_000_000 }), adj({ date: '2022-04-01', amountFen: 5_000_000 })]), 2022)).toBe('negativeResult');
    expect(lineAdjustmentProblem(line([adj({ source: 'carryover', amountFen: -5_000_001 })]), 2022)).toBe('negativeResult');
    expect(lineAdjustmentProblem(line([adj({ source: 'carryover', amountFen: -5_000_000 })]), 2022)).toBeNull();
  });
});

describe('search initials at the pinyin block boundaries', () => {
  it.each([
    ['阿', 'a'], ['安', 'a'], ['八', 'b'], ['鹅', 'e'], ['发', 'f'], ['你', 'n'], ['噢', 'o'], ['欧', 'o'], ['妑', 'p'], ['朋', 'p'], ['七', 'q'],
  ])('%s → %s', (ch, letter) => {
    expect(initial(ch)).toBe(letter);
  });
  it('a character sorting before the first block stays as it is', () => {
    expect(initial('吖')).toBe('吖');
    expect(initials('吖八')).toBe('吖b');
  });
});

describe('backup reminders at their edges', () => {
  const due = (days: string): Deadline => ({ kind: 'monitoring', planName: 'p', due: days });
  const changed = { today: '2022-07-05', hasData: true, lastBackupAt: '2022-07-04T00:00:00Z', lastChangeAt: '2022-07-04T08:00:00Z' };

  it('due today and due in exactly 14 days are both soon; the nearest is named whatever the order', () => {
    expect(backupReminder({ ...changed, deadlines: [due('2022-07-05')] })).toEqual({ reason: 'due', deadline: due('2022-07-05'), days: 0 });
    expect(backupReminder({ ...changed, deadlines: [due('2022-07-19')] })).toEqual({ reason: 'due', deadline: due('2022-07-19'), days: 14 });
    expect(backupReminder({ ...changed, deadlines: [due('2022-07-15'), due('2022-07-10')] })).toMatchObject({ days: 5, deadline: { due: '2022-07-10' } });
  });

  it('deadlines past or too far away are no reason', () => {
    expect(backupReminder({ ...changed, deadlines: [due('2022-07-04'), due('2022-07-20')] })).toBeNull();
  });

  it('never backed up and changed: a deadline soon is the reason', () => {
    expect(backupReminder({ today: '2022-07-05', hasData: true, firstChangeAt: '2022-07-04T00:00:00Z', lastChangeAt: '2022-07-04T08:00:00Z', deadlines: [due('2022-07-10')] })).toMatchObject({ reason: 'due', days: 5 });
  });

  it('no change recorded: not a deadline reminder; never backed up with no known start: remind', () => {
    expect(backupReminder({ today: '2022-07-05', hasData: true, deadlines: [due('2022-07-10')] })).toEqual({ reason: 'never' });
  });

  it('changed exactly when backed up is not a change since', () => {
    expect(backupReminder({ ...changed, lastChangeAt: changed.lastBackupAt, deadlines: [due('2022-07-10')] })).toBeNull();
  });

  it('the default deadlines name their kind and plan', () => {
    expect(defaultDeadlines({ year: 2022, name: '职工服务', roundSubmitted: false, evaluationFinal: false })).toEqual([
      { kind: 'monitoring', planName: '职工服务', due: '2022-07-15' },
      { kind: 'evaluation', planName: '职工服务', due: '2023-03-31' },
    ]);
  });
});

describe('odds and ends', () => {
  it('a spending refusal lists every field and code', () => {
    expect(new SpendingInvalidError([{ field: 'amount', code: 'zero' }, { field: 'date', code: 'required' }]).message).toBe('invalid spending: amount:zero, date:required');
  });

  it('a deadline early in the month keeps two-digit days when copied to the next year', () => {
    const target = parseTarget('2022年6月5日前', { year: 2022 }).spec;
    const stamp = { createdAt: '', updatedAt: '', rev: 1, planId: 'p' };
    const copy = copyPlanToYear(
      {
        plan: { ...stamp, id: 'p', unitId: 'u', year: 2022, kind: 'project', name: 'n', goal: '', key: false, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000 },
        budgetLines: [],
        indicators: [{ ...stamp, id: 'x', parentId: null, level: 3, name: 'x', order: 1, weightCp: null, target, targetText: '2022年6月5日前' }],
      },
      2023,
      { newId: () => 'n', now: '' },
    );
    expect(copy.indicators[0]!.target!.date).toBe('2023-06-05');
  });
});
