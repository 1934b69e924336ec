import { describe, expect, it } from 'vitest';
import { daysInMonth, isIsoDate, isLeap } from '@/domain/dates';
import {
  BackupUnrestorableError,
  ConflictError,
  EntryInvalidError,
  IncompleteError,
  InvalidInputError,
  LockedError,
  NotFoundError,
  PlanExistsError,
  SpendingInvalidError,
  isQuotaError,
} from '@/domain/errors';
import { newPlanBundle, validateNewPlan, type NewPlanInput } from '@/domain/plan-new';
import { copyPlanToYear } from '@/domain/plan-copy';
import type { PlanBundle } from '@/domain/seed/build';
import type { IndicatorNode, Plan } from '@/domain/model';
import { parseTarget } from '@/domain/targets/parse';

/** Calendar helpers, the failures every layer recognises, and the records behind "new plan" and "copy to next year". */

function factory(prefix = 'id') {
  let n = 0;
  return { newId: () => `${prefix}-${++n}`, now: '2023-01-05T08:00:00.000Z' };
}

describe('calendar (UTC, so no time zone moves a day)', () => {
  it('daysInMonth: February in leap and common years, 30- and 31-day months', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([29, 28, 28, 29]);
    expect([daysInMonth(2022, 1), daysInMonth(2022, 4), daysInMonth(2022, 12)]).toEqual([31, 30, 31]);
  });
  it('isLeap: every 4th year, not every 100th, but every 400th', () => {
    expect([2024, 2023, 1900, 2000, 2100].map(isLeap)).toEqual([true, false, false, true, false]);
  });
  it.each<[string, boolean]>([
    ['2022-01-01', true],
    ['2022-12-31', true],
    ['2024-02-29', true],
    ['2022-02-29', false],
    ['2022-00-10', false],
    ['2022-13-01', false],
    ['2022-04-31', false],
    ['2022-04-00', false],
    ['2022-4-30', false],
    ['x2022-04-30', false],
    ['2022-04-30x', false],
    ['', false],
  ])('isIsoDate(%j) → %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });
});

describe('errors: names and messages the UI and logs rely on', () => {
  it.each<[Error, string, string]>([
    [new ConflictError('r1'), 'ConflictError', 'record r1 was changed elsewhere'],
    // Not 'NotFoundError': Dexie would map that name onto its own class.
    [new NotFoundError('r2'), 'RecordNotFoundError', 'record r2 not found'],
    [new EntryInvalidError([{ field: 'amount', code: 'zero' }, { field: 'date', code: 'required' }]), 'EntryInvalidError', 'invalid entry: amount:zero, date:required'],
    [new SpendingInvalidError([{ field: 'amount', code: 'negative' }]), 'SpendingInvalidError', 'invalid spending: amount:negative'],
    [new LockedError('r3'), 'LockedError', 'record r3 is locked'],
    [new IncompleteError(['a', 'b']), 'IncompleteError', 'incomplete: 2 problem(s)'],
    [new InvalidInputError('cutoff', 'outsideYear'), 'InvalidInputError', 'invalid cutoff: outsideYear'],
  ])('%s', (e, name, message) => {
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.message).toBe(message);
  });

  it('PlanExistsError names the year and plan; BackupUnrestorableError cites the first three problems', () => {
    const plan = { year: 2023, name: '职工服务' } as Plan;
    const e = new PlanExistsError(plan);
    expect([e.name, e.message, e.existing]).toEqual(['PlanExistsError', 'a 2023 plan named 职工服务 already exists', plan]);
    const problems = [1, 2, 3, 4].map((i) => ({ where: `rounds[${i}]`, code: 'orphan' }));
    const b = new BackupUnrestorableError(problems);
    expect(b.name).toBe('BackupUnrestorableError');
    expect(b.message).toBe('backup would not restore: rounds[1] orphan; rounds[2] orphan; rounds[3] orphan');
    expect(b.problems).toHaveLength(4);
  });

  it('keeps what the caller needs to act on', () => {
    expect(new ConflictError('r1').entityId).toBe('r1');
    expect(new IncompleteError([{ id: 'x' }]).problems).toEqual([{ id: 'x' }]);
    expect(new InvalidInputError('cutoff', 'badDate')).toMatchObject({ field: 'cutoff', code: 'badDate' });
  });

  it('isQuotaError: a full disk however Dexie and the browser wrap it, up to four levels deep', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'A', inner: { name: 'B', inner: { name: 'C', inner: { name: 'QuotaExceededError' } } } })).toBe(true);
    expect(isQuotaError({ name: 'A', inner: { name: 'B', inner: { name: 'C', inner: { name: 'D', inner: { name: 'QuotaExceededError' } } } } })).toBe(false);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'ConstraintError' } })).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError({})).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('validateNewPlan', () => {
  const input: NewPlanInput = { unitId: 'u', year: 2023, kind: 'project', name: '职工服务', goal: '', budgetFen: 0 };
  it('a name, a year 2000–2100 and a whole, non-negative budget', () => {
    expect(validateNewPlan(input)).toEqual([]);
    expect(validateNewPlan({ ...input, year: 2000 })).toEqual([]);
    expect(validateNewPlan({ ...input, year: 2100 })).toEqual([]);
  });
  it.each<[Partial<NewPlanInput>, { field: string; code: string }[]]>([
    [{ name: '  ' }, [{ field: 'name', code: 'nameRequired' }]],
    [{ year: 1999 }, [{ field: 'year', code: 'badYear' }]],
    [{ year: 2101 }, [{ field: 'year', code: 'badYear' }]],
    [{ year: 2023.5 }, [{ field: 'year', code: 'badYear' }]],
    [{ budgetFen: -1 }, [{ field: 'budget', code: 'badBudget' }]],
    [{ budgetFen: 0.5 }, [{ field: 'budget', code: 'badBudget' }]],
    [{ budgetFen: 2 ** 53 }, [{ field: 'budget', code: 'badBudget' }]],
    [
      { name: '', year: 0, budgetFen: -1 },
      [
        { field: 'name', code: 'nameRequired' },
        { field: 'year', code: 'badYear' },
        { field: 'budget', code: 'badBudget' },
      ],
    ],
  ])('%j → %j', (over, errors) => {
    expect(validateNewPlan({ ...input, ...over })).toEqual(errors);
  });
});

describe('newPlanBundle', () => {
  it('a plan with the default rule set and 预算执行率 10 分, one budget line carrying the budget, and the standard frame', () => {
    const b = newPlanBundle({ unitId: 'u', year: 2023, kind: 'unit', name: ' 职工服务 ', goal: ' 服务职工 ', budgetFen: 12_345 }, factory());
    expect(b.plan).toEqual({
      id: 'id-1',
      createdAt: '2023-01-05T08:00:00.000Z',
      updatedAt: '2023-01-05T08:00:00.000Z',
      rev: 1,
      unitId: 'u',
      year: 2023,
      kind: 'unit',
      name: '职工服务',
      goal: '服务职工',
      key: false,
      ruleSetId: 'cn-2020-10',
      budgetWeightCp: 1000,
    });
    expect(b.budgetLines).toEqual([
      {
        id: 'id-2',
        createdAt: '2023-01-05T08:00:00.000Z',
        updatedAt: '2023-01-05T08:00:00.000Z',
        rev: 1,
        planId: 'id-1',
        name: '职工服务',
        content: '',
        fiscalFen: 12_345,
        carryoverFen: 0,
        otherFen: 0,
        adjustments: [],
        order: 1,
      },
    ]);
    const l1 = b.indicators.filter((n) => n.level === 1);
    expect(l1.map((n) => [n.name, n.weightCp])).toEqual([
      ['产出', 5000],
      ['效益', 3000],
      ['满意度', 1000],
    ]);
    expect(b.indicators.every((n) => n.planId === 'id-1' && n.level !== 3)).toBe(true);
  });
});

describe('copyPlanToYear', () => {
  const target = (text: string, year = 2022) => parseTarget(text, { year }).spec;
  const stamp = { createdAt: '2022-01-01T00:00:00.000Z', updatedAt: '2022-03-01T00:00:00.000Z', rev: 4 };
  const node = (id: string, parentId: string | null, level: 1 | 2 | 3, extra: Partial<IndicatorNode> = {}): IndicatorNode => ({
    ...stamp,
    id,
    planId: 'p2022',
    parentId,
    level,
    name: id,
    order: 1,
    weightCp: null,
    ...extra,
  });
  const source = (): PlanBundle => ({
    plan: { ...stamp, id: 'p2022', unitId: 'u', year: 2022, kind: 'project', name: '职工服务', goal: 'g', key: true, ruleSetId: 'cn-2020-10-alt', budgetWeightCp: 1500, seedKey: 'yantian-2022' },
    budgetLines: [
      {
        ...stamp,
        id: 'line',
        planId: 'p2022',
        name: '经费',
        content: 'c',
        fiscalFen: 100,
        carryoverFen: 20,
        otherFen: 3,
        adjustments: [{ id: 'a', date: '2022-05-01', source: 'fiscal', amountFen: 50, reason: '追加' }],
        order: 2,
      },
    ],
    indicators: [
      node('l1', null, 1, { weightCp: 5000 }),
      node('l2', 'l1', 2),
      node('count', 'l2', 3, { targetText: '不少于800人次', target: target('不少于800人次'), weightCp: 2500, targetAdjustments: [{ id: 't', targetText: '600人次', target: target('600人次'), approvedOn: '2022-05-10', reason: 'r', recordedAt: '' }] }),
      node('due', 'l2', 3, { targetText: '2022年12月31日前', target: target('2022年12月31日前'), weightCp: 2500 }),
      node('leap', 'l2', 3, { targetText: '2024年2月29日前', target: target('2024年2月29日前', 2024) }),
    ],
  });

  it('the plan: new id and stamps, the next year, its lineage, the sample mark dropped, everything else kept', () => {
    const copy = copyPlanToYear(source(), 2023, factory('n'));
    expect(copy.plan).toEqual({
      id: 'n-1',
      createdAt: '2023-01-05T08:00:00.000Z',
      updatedAt: '2023-01-05T08:00:00.000Z',
      rev: 1,
      unitId: 'u',
      year: 2023,
      kind: 'project',
      name: '职工服务',
      goal: 'g',
      key: true,
      ruleSetId: 'cn-2020-10-alt',
      budgetWeightCp: 1500,
      sourcePlanId: 'p2022',
    });
  });

  it('the tree: new ids with parents remapped, weights and targets as approved, adjustments left with their year', () => {
    const copy = copyPlanToYear(source(), 2023, factory('n'));
    const [l1, l2, count] = copy.indicators;
    expect([l1!.id, l2!.id, count!.id]).toEqual(['n-2', 'n-3', 'n-4']);
    expect([l1!.parentId, l2!.parentId, count!.parentId]).toEqual([null, 'n-2', 'n-3']);
    expect(copy.indicators.every((n) => n.planId === 'n-1' && n.rev === 1 && n.createdAt === '2023-01-05T08:00:00.000Z' && n.updatedAt === n.createdAt)).toBe(true);
    expect(count).toMatchObject({ targetText: '不少于800人次', weightCp: 2500, name: 'count' });
    expect(count!.target).toEqual(target('不少于800人次'));
    expect(count).not.toHaveProperty('targetAdjustments');
  });

  it('deadlines move one year on, in the text too; 29 February falls back to the 28th', () => {
    const copy = copyPlanToYear(source(), 2023, factory('n'));
    const due = copy.indicators.find((n) => n.name === 'due')!;
    expect(due.target).toMatchObject({ op: 'DATE_BY', date: '2023-12-31' });
    expect(due.targetText).toBe('2023年12月31日前');
    const leap = copyPlanToYear(source(), 2025, factory('n')).indicators.find((n) => n.name === 'leap')!;
    expect(leap.target!.date).toBe('2027-02-28');
    expect(copyPlanToYear(source(), 2026, factory('n')).indicators.find((n) => n.name === 'leap')!.target!.date).toBe('2028-02-29');
  });

  it('budget lines: new ids, the 年初 amounts only (this year’s adjustments stay with this year)', () => {
    const [line] = copyPlanToYear(source(), 2023, factory('n')).budgetLines;
    expect(line).toEqual({
      id: 'n-7',
      createdAt: '2023-01-05T08:00:00.000Z',
      updatedAt: '2023-01-05T08:00:00.000Z',
      rev: 1,
      planId: 'n-1',
      name: '经费',
      content: 'c',
      fiscalFen: 100,
      carryoverFen: 20,
      otherFen: 3,
      adjustments: [],
      order: 2,
    });
  });

  it('leaves the source untouched', () => {
    const src = source();
    copyPlanToYear(src, 2023, factory('n'));
    expect(src).toEqual(source());
  });
});
