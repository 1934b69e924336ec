import { describe, expect, it } from 'vitest';
import type { IndicatorNode, TargetAdjustment } from '@/domain/model';
import { buildTree, moveAmongSiblings, nextOrder, pathOf, sortSiblings } from '@/domain/targets/tree';
import { targetInForce, validateTargetAdjustment } from '@/domain/targets/adjustment';
import { formatNumber, tidy } from '@/domain/targets/numbers';
import { parseTarget } from '@/domain/targets/parse';

/** The indicator tree's order and moves, breadcrumbs, target adjustments (绩效目标调整) and number text. */

const row = (id: string, extra: Partial<IndicatorNode> = {}): IndicatorNode => ({
  id,
  createdAt: '2022-01-01T00:00:00Z',
  updatedAt: '',
  rev: 1,
  planId: 'p',
  parentId: null,
  level: 1,
  name: id,
  order: 1,
  weightCp: null,
  ...extra,
});

describe('sibling order', () => {
  it('by order, then by creation time, then by id (so two tabs that added rows at once agree)', () => {
    const list = [
      row('c', { order: 2 }),
      row('b', { order: 1, createdAt: '2022-01-02T00:00:00Z' }),
      row('z', { order: 1, createdAt: '2022-01-01T00:00:00Z' }),
      row('y', { order: 1, createdAt: '2022-01-01T00:00:00Z' }),
      row('a', { order: 3 }),
    ];
    expect(sortSiblings(list).map((r) => r.id)).toEqual(['y', 'z', 'b', 'c', 'a']);
    expect(sortSiblings([...list].reverse()).map((r) => r.id)).toEqual(['y', 'z', 'b', 'c', 'a']);
    expect(list.map((r) => r.id)).toEqual(['c', 'b', 'z', 'y', 'a']); // not sorted in place
  });

  it('an empty plan has no roots and no orphans', () => {
    expect(buildTree([])).toEqual({ roots: [], orphans: [] });
  });

  it('nextOrder: one after the largest, 1 for the first child', () => {
    expect(nextOrder([])).toBe(1);
    expect(nextOrder([{ order: 3 }, { order: 7 }, { order: 5 }])).toBe(8);
  });
});

describe('moveAmongSiblings', () => {
  const siblings = () => [row('a', { order: 1 }), row('b', { order: 2 }), row('c', { order: 3 }), row('other', { order: 1, planId: 'q' })];

  it('returns only the rows whose order changed', () => {
    expect(moveAmongSiblings(siblings(), 'c', -1)).toEqual([
      { id: 'c', order: 2 },
      { id: 'b', order: 3 },
    ]);
    expect(moveAmongSiblings(siblings(), 'a', 1)).toEqual([
      { id: 'b', order: 1 },
      { id: 'a', order: 2 },
    ]);
  });

  it('renumbers 1..n when the stored orders had gaps', () => {
    const gaps = [row('a', { order: 10 }), row('b', { order: 20 }), row('c', { order: 30 })];
    expect(moveAmongSiblings(gaps, 'c', -1)).toEqual([
      { id: 'a', order: 1 },
      { id: 'c', order: 2 },
      { id: 'b', order: 3 },
    ]);
  });

  it('nothing for an unknown row, the first moved up or the last moved down; another plan’s rows are not siblings', () => {
    expect(moveAmongSiblings(siblings(), 'nope', 1)).toEqual([]);
    expect(moveAmongSiblings(siblings(), 'a', -1)).toEqual([]);
    expect(moveAmongSiblings(siblings(), 'c', 1)).toEqual([]);
    expect(moveAmongSiblings(siblings(), 'other', 1)).toEqual([]);
  });
});

describe('pathOf (the breadcrumb 产出 › 数量 › 三级)', () => {
  const nodes = [
    row('l1', { name: '产出' }),
    row('l2', { name: '数量', level: 2, parentId: 'l1' }),
    row('l3', { name: '活动人次', level: 3, parentId: 'l2' }),
    row('deep', { name: '多余一层', level: 3, parentId: 'l3' }),
  ];
  it('from the 一级 down to the row', () => {
    expect(pathOf(nodes, 'l3').map((n) => n.name)).toEqual(['产出', '数量', '活动人次']);
    expect(pathOf(nodes, 'l1').map((n) => n.name)).toEqual(['产出']);
  });
  it('empty for an unknown row; never more than three levels, even for corrupt data', () => {
    expect(pathOf(nodes, 'nope')).toEqual([]);
    expect(pathOf(nodes, 'deep').map((n) => n.id)).toEqual(['l2', 'l3', 'deep']);
  });
});

describe('targetInForce: ties and order of approvals', () => {
  const spec = (t: string) => parseTarget(t, { year: 2022 }).spec;
  const adj = (targetText: string, approvedOn: string, recordedAt: string): TargetAdjustment => ({ id: `${targetText}`, targetText, target: spec(targetText), approvedOn, reason: 'r', recordedAt });

  it('an earlier approval recorded later does not replace a later approval', () => {
    const may = adj('600人次', '2022-05-20', '2022-05-21T08:00:00Z');
    const march = adj('700人次', '2022-03-01', '2022-06-01T08:00:00Z');
    expect(targetInForce({ targetText: '800人次', target: spec('800人次'), targetAdjustments: [may, march] }, '2022-12-31').targetText).toBe('600人次');
  });

  it('two approvals of the same day recorded at the same instant: the one stored last', () => {
    const first = adj('600人次', '2022-05-20', '2022-05-21T08:00:00Z');
    const second = adj('650人次', '2022-05-20', '2022-05-21T08:00:00Z');
    expect(targetInForce({ targetText: '800人次', target: spec('800人次'), targetAdjustments: [first, second] }, '2022-12-31').targetText).toBe('650人次');
  });

  it('a row without a target text has an empty original', () => {
    expect(targetInForce({ target: undefined }).original).toEqual({ target: undefined, targetText: '' });
  });
});

describe('validateTargetAdjustment', () => {
  const spec = (t: string) => parseTarget(t, { year: 2022 }).spec;
  const node = {
    targetText: '不少于800人次',
    target: spec('不少于800人次'),
    targetAdjustments: [{ id: 'a', targetText: '不少于600人次', target: spec('不少于600人次'), approvedOn: '2022-05-10', reason: 'r', recordedAt: '2022-05-10T08:00:00Z' }],
  };
  const draft = { targetText: '不少于700人次', approvedOn: '2022-08-01', reason: '项目调整' };

  it('a valid change: the text without spaces, the parsed target, the date and the trimmed reason', () => {
    expect(validateTargetAdjustment({ targetText: ' 不少于 700 人次 ', approvedOn: '2022-08-01', reason: ' 项目调整 ' }, node, 2022)).toEqual({
      value: { targetText: '不少于700人次', target: spec('不少于700人次'), approvedOn: '2022-08-01', reason: '项目调整' },
      errors: [],
    });
  });

  it('dates without a year take the plan year', () => {
    expect(validateTargetAdjustment({ ...draft, targetText: '11月底前' }, node, 2022).value?.target).toEqual({ op: 'DATE_BY', date: '2022-11-30', unit: '', phrase: '前' });
  });

  it('unchanged is judged against the target in force on the approval day', () => {
    expect(validateTargetAdjustment({ ...draft, targetText: '不少于600人次' }, node, 2022).errors).toEqual([{ field: 'targetText', code: 'unchanged' }]);
    expect(validateTargetAdjustment({ ...draft, targetText: '不少于 800人次', approvedOn: '2022-05-01' }, node, 2022).errors).toEqual([{ field: 'targetText', code: 'unchanged' }]);
    // Before the May adjustment the original 800 holds, so going to 600 then is a change.
    expect(validateTargetAdjustment({ ...draft, targetText: '不少于600人次', approvedOn: '2022-05-01' }, node, 2022).errors).toEqual([]);
  });

  it.each<[Partial<typeof draft>, { field: string; code: string }[]]>([
    [{ targetText: '≥abc' }, [{ field: 'targetText', code: 'invalid' }]],
    [{ approvedOn: '2022-02-30' }, [{ field: 'approvedOn', code: 'badDate' }]],
    [{ approvedOn: '2023-01-01' }, [{ field: 'approvedOn', code: 'outsideYear' }]],
    [{ reason: '   ' }, [{ field: 'reason', code: 'required' }]],
    [
      { targetText: '', approvedOn: '', reason: '' },
      [
        { field: 'targetText', code: 'invalid' },
        { field: 'approvedOn', code: 'badDate' },
        { field: 'reason', code: 'required' },
      ],
    ],
  ])('%j → %j, and no value', (over, errors) => {
    expect(validateTargetAdjustment({ ...draft, ...over }, node, 2022)).toEqual({ errors });
  });
});

describe('formatNumber and tidy', () => {
  it('expands exponent notation both ways, with the sign', () => {
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(-1.5e-7)).toBe('-0.00000015');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(-1.5e21)).toBe('-1500000000000000000000');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
  it('tidy drops binary noise and never gives −0', () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(tidy(-0), 0)).toBe(true);
    expect(Object.is(tidy(-1e-300 * 1e-300), 0)).toBe(true);
  });
});
