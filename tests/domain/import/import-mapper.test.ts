import { describe, expect, it } from 'vitest';
import { mapSheet } from '@/domain/import/sheet';
import type { SheetReading } from '@/domain/import/types';
import { unitIndicators } from '@/domain/seed/yantian-2022';
import { grid, unitTableGrid } from '../../fixtures/xlsx/import-grids';

/** The tree as plain nesting: [一级, [[二级, [[三级, target text], …]], …]]. */
const shape = (r: SheetReading) => r.tree.map((g) => [g.name, g.groups.map((s) => [s.name, s.leaves.map((l) => [l.name, l.targetText])])]);
const leaves = (r: SheetReading) => r.tree.flatMap((g) => g.groups.flatMap((s) => s.leaves));

describe('mapSheet: an official 单位整体 table', () => {
  const reading = mapSheet(unitTableGrid());

  it('finds the header, the plan and every one of the 20 rows under merged 一级/二级 cells', () => {
    expect(reading.status).toBe('ok');
    expect(reading.headerRow).toBe(4);
    expect(reading.mapping).toEqual({ level1: 0, level2: 1, level3: 2, target: 3, weight: null, unit: null, nature: null });
    expect(reading.meta).toMatchObject({ kind: 'unit', year: 2022, name: '深圳市盐田区总工会单位整体支出绩效目标表', unitName: '深圳市盐田区总工会', supervisor: '深圳市盐田区总工会' });
    expect(reading.leafCount).toBe(20);
    expect(reading.skipped).toEqual([]);
    const expected = new Map<string, Map<string, [string, string][]>>();
    for (const i of unitIndicators) {
      const g = expected.get(i.level1) ?? new Map<string, [string, string][]>();
      expected.set(i.level1, g);
      g.set(i.level2, [...(g.get(i.level2) ?? []), [i.name, i.target]]);
    }
    expect(shape(reading)).toEqual([...expected].map(([l1, g]) => [l1, [...g].map(([l2, ls]) => [l2, ls])]));
  });

  it('interprets each target with the plan year: 不适用 as NA, the deadline as a date, no errors', () => {
    const byName = new Map(leaves(reading).map((l) => [l.name, l]));
    expect(byName.get('各项工作完成时间')!.result.spec).toMatchObject({ op: 'DATE_BY', date: '2022-12-31' });
    expect(byName.get('开展职工权益保障和职工服务等活动（人次）')!.result.spec).toMatchObject({ op: 'GE', value: 800, unit: '人次' });
    expect(leaves(reading).filter((l) => l.result.spec.op === 'NA')).toHaveLength(4);
    expect(reading.errorCount).toBe(0);
    expect(leaves(reading)[0]!.row).toBe(5);
  });
});

describe('mapSheet: a project table with columns in another order', () => {
  // 指标值 first, 三级 before 二级, 一级 last; full-width symbols; a blank row; a note row and its continuation.
  const sheet = grid(
    '项目A',
    [
      ['2023年度项目支出绩效目标表', '', '', ''],
      ['项目名称：社区 职工 服务', '', '主管部门：区总工会', ''],
      ['年度指标值', '三级指标', '二级指标', '一级指标'],
      ['≥９０％', '服务 满意度', '服务对象满意度', '满意度指标'],
      ['不少于 1,200 人次', '培训人次', '数量指标', '产出指标'],
      ['', '', '', ''],
      ['２０２３年１２月底前', '完成时间', '时效指标', '产出指标'],
      ['填表说明：1. 指标值按批复填写', '', '', ''],
      ['2. 不适用的指标填“不适用”', '', '', ''],
    ],
    ['A1:D1', 'A2:B2', 'C2:D2', 'A8:D8'],
  );
  const reading = mapSheet(sheet);

  it('maps each role to its column and builds the tree in the order first seen', () => {
    expect(reading.mapping).toMatchObject({ target: 0, level3: 1, level2: 2, level1: 3 });
    expect(shape(reading)).toEqual([
      ['满意度指标', [['服务对象满意度', [['服务满意度', '≥９０％']]]]],
      ['产出指标', [['数量指标', [['培训人次', '不少于1,200人次']]], ['时效指标', [['完成时间', '２０２３年１２月底前']]]]],
    ]);
  });

  it('reads full-width targets as their half-width meaning and keeps the text as written', () => {
    const [sat, count, date] = leaves(reading);
    expect(sat!.result.spec).toMatchObject({ op: 'GE', value: 90, unit: '%' });
    expect(count!.result.spec).toMatchObject({ op: 'GE', value: 1200, unit: '人次' });
    expect(date!.result.spec).toMatchObject({ op: 'DATE_BY', date: '2023-12-31' });
  });

  it('says which rows it left out and why; a blank row is only counted', () => {
    expect(reading.blankRows).toBe(1);
    expect(reading.skipped).toEqual([
      { row: 8, reason: 'note', text: '填表说明：1. 指标值按批复填写' },
      { row: 9, reason: 'note', text: '2. 不适用的指标填“不适用”' },
    ]);
  });

  it('takes the plan from the inline header fields', () => {
    expect(reading.meta).toMatchObject({ kind: 'project', name: '社区职工服务', year: 2023, supervisor: '区总工会' });
  });
});

describe('mapSheet: the header as the app\'s own export writes it', () => {
  it('reads several fields from one line, and the goal as written', () => {
    const r = mapSheet(grid('项目支出绩效目标表', [
      ['项目支出绩效目标表', '', '', ''],
      ['（2022年度）', '', '', ''],
      ['项目名称：日常业务经费\u3000\u3000主管部门：区总工会\u3000\u3000实施单位：深圳市盐田区总工会', '', '', ''],
      ['绩效目标', '开展各项\n日常业务活动。', '', ''],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出', '数量', '', ''],
    ], ['A1:D1', 'A2:D2', 'A3:D3', 'B4:D4']));
    expect(r.meta).toEqual({
      title: '项目支出绩效目标表', kind: 'project', name: '日常业务经费', year: 2022, goal: '开展各项\n日常业务活动。', unitName: '深圳市盐田区总工会', supervisor: '区总工会',
    });
  });
});

describe('mapSheet: optional columns', () => {
  const sheet = grid('FASP2', [
    ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '计量单位', '分值（分）'],
    ['产出指标', '数量指标', '发放份数', '≥', '5000', '份', '20'],
    ['产出指标', '质量指标', '准确率', '＝', '100', '%', '２０'],
    ['产出指标', '成本指标', '成本', '≤', '20', '万元', '10.5'],
    ['效益指标', '社会效益指标', '覆盖面', '定性', '有效提升', '', 'abc'],
    ['满意度指标', '服务对象满意度指标', '满意度', '反向', '≥90', '%', ''],
  ]);
  const reading = mapSheet(sheet, { year: 2024 });

  it('puts sign, figure and unit together as the official would write them', () => {
    expect(leaves(reading).map((l) => l.targetText)).toEqual(['≥5000份', '100%', '≤20万元', '有效提升', '≥90%']);
    expect(leaves(reading).map((l) => l.result.spec.op)).toEqual(['GE', 'EQ', 'LE', 'QUAL', 'GE']);
    expect(leaves(reading)[0]!.notes).toEqual([{ code: 'composed', params: { nature: '≥', unit: '份' } }]);
  });

  it('flags a sign column that contradicts the text (the text wins) and a 分值 that is not points', () => {
    expect(leaves(reading)[4]!.notes.map((n) => n.code)).toEqual(['composed', 'natureConflict']);
    expect(leaves(reading)[3]!.notes).toEqual([{ code: 'badWeight', params: { text: 'abc' } }]);
  });

  it('reads 分值 as exact points, full-width too', () => {
    expect(reading.hasWeights).toBe(true);
    expect(leaves(reading).map((l) => l.weightCp)).toEqual([2000, 2000, 1050, null, null]);
    expect(reading.overweight).toEqual([]);
  });

  it('leaves a 一级 whose points pass 100 without a group total', () => {
    const heavy = mapSheet(grid('x', [
      ['一级指标', '二级指标', '三级指标', '指标值', '权重'],
      ['产出', '数量', 'a', '1次', '60'],
      ['产出', '数量', 'b', '1次', '50'],
    ]));
    expect(heavy.overweight).toEqual(['产出']);
  });
});

describe('mapSheet: headers and layouts', () => {
  it('finds a two-row header (绩效指标 over the levels, 指标值 merged down)', () => {
    const r = mapSheet(grid('two', [
      ['绩效指标', '', '', '指标值（目标值）'],
      ['一级指标', '二级指标', '三级指标', ''],
      ['产出', '数量', '场次', '10场'],
    ], ['A1:C1', 'D1:D2']));
    expect(r.headerRow).toBe(2);
    expect(shape(r)).toEqual([['产出', [['数量', [['场次', '10场']]]]]]);
  });

  it('reads a 二级 merged across the 三级 column as a 二级 with nothing under it, and a lone 一级 as an empty group', () => {
    const r = mapSheet(grid('span', [
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出', '数量', 'a', '1次'],
      ['产出', '时效', '', ''],
      ['效益', '', '', ''],
    ], ['B3:C3']));
    expect(shape(r)).toEqual([['产出', [['数量', [['a', '1次']]], ['时效', []]]], ['效益', []]]);
    expect(r.skipped).toEqual([]);
  });

  it('skips a repeated header, totals, rows without a name or a level, and text outside the columns', () => {
    const r = mapSheet(grid('mixed', [
      ['一级指标', '二级指标', '三级指标', '指标值', ''],
      ['产出', '数量', 'a', '1次', ''],
      ['一级指标', '二级指标', '三级指标', '指标值', ''],
      ['', '数量', 'b', '2次', ''],
      ['产出', '', 'c', '3次', ''],
      ['产出', '数量', '', '4次', ''],
      ['', '', '', '', '旁注'],
      ['合计', '', '', '', '100'],
    ]));
    expect(r.skipped.map((s) => [s.row, s.reason])).toEqual([
      [3, 'repeatedHeader'],
      [4, 'missingLevel1'],
      [5, 'missingLevel2'],
      [6, 'noName'],
      [7, 'outsideColumns'],
      [8, 'total'],
    ]);
    expect(r.leafCount).toBe(1);
  });

  it('keeps a 三级 without a target, flagged, and an unreadable target as written, counted as an error', () => {
    const r = mapSheet(grid('t', [
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出', '数量', '空的', ''],
      ['产出', '数量', '乱的', '≥abc'],
    ]));
    const [empty, bad] = leaves(r);
    expect(empty!.notes).toEqual([{ code: 'emptyTarget' }]);
    expect(bad!.targetText).toBe('≥abc');
    expect(bad!.result.ok).toBe(false);
    expect(bad!.result.spec).toMatchObject({ op: 'QUAL', unparsed: true, text: '≥abc' });
    expect(r.errorCount).toBe(2);
  });

  it('says when a sheet is not an indicator table, is empty, or was refused by the reader', () => {
    expect(mapSheet(grid('notes', [['这是说明'], ['没有表头']])).status).toBe('noHeader');
    expect(mapSheet(grid('blank', [['', ''], ['  ']])).status).toBe('empty');
    expect(mapSheet(grid('none', [])).status).toBe('empty');
    const big = mapSheet({ name: 'big', hidden: false, rows: [], merges: [], refused: { code: 'tooManyRows', rows: 5001 } });
    expect(big).toMatchObject({ status: 'refused', refused: { rows: 5001 } });
  });

  it('takes a header naming the three levels but no target word, and asks for the target', () => {
    const r = mapSheet(grid('x', [['一级指标', '二级指标', '三级指标', '目标'], ['产出', '数量', 'a', '1次']]));
    expect(r).toMatchObject({ status: 'missingColumns', headerRow: 1, missing: ['target'] });
  });

  it('asks for a column it cannot guess, and the user\'s choice re-reads the sheet', () => {
    const sheet = grid('guess', [
      ['一级指标', '类别', '三级指标', '指标值', '目标'],
      ['产出', '数量', 'a', '1次', '2次'],
    ]);
    const first = mapSheet(sheet);
    expect(first.status).toBe('missingColumns');
    expect(first.missing).toEqual(['level2']);
    expect(first.columns.map((c) => `${c.letter}:${c.label}`)).toEqual(['A:一级指标', 'B:类别', 'C:三级指标', 'D:指标值', 'E:目标']);
    const fixed = mapSheet(sheet, { mapping: { level2: 1 } });
    expect(fixed.status).toBe('ok');
    expect(shape(fixed)).toEqual([['产出', [['数量', [['a', '1次']]]]]]);
    // Moving the target to column E; the guess stays as it was, for the select to show.
    const moved = mapSheet(sheet, { mapping: { level2: 1, target: 4 } });
    expect(leaves(moved)[0]!.targetText).toBe('2次');
    expect(moved.guessed.target).toBe(3);
    // A column given to one role is taken from the role that had it.
    const stolen = mapSheet(sheet, { mapping: { level2: 3 } });
    expect(stolen.mapping.target).toBeNull();
    expect(stolen.missing).toEqual(['target']);
  });

  it('ignores a mapping outside the sheet', () => {
    const r = mapSheet(grid('x', [['一级指标', '二级指标', '三级指标', '指标值']]), { mapping: { target: 99, level1: -1 } });
    expect(r.mapping).toMatchObject({ level1: 0, target: 3 });
  });

  it('does not read 调整后指标值 as the target', () => {
    const r = mapSheet(grid('adj', [
      ['一级指标', '二级指标', '三级指标', '调整后指标值', '指标值'],
      ['产出', '数量', 'a', '2次', '1次'],
    ]));
    expect(r.mapping.target).toBe(4);
  });

  it('clips a merge reaching past the data and tolerates an overlapping one', () => {
    const r = mapSheet(grid('clip', [
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出', '数量', 'a', '1次'],
      ['', '', 'b', '2次'],
    ], ['A2:A999999', 'B2:B3', 'A3:B3']));
    expect(shape(r)).toEqual([['产出', [['数量', [['a', '1次'], ['b', '2次']]]]]]);
  });

  it('never lets cell text reach an object prototype', () => {
    const r = mapSheet(grid('proto', [
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['__proto__', 'constructor', 'prototype', '1次'],
      ['toString', '__proto__', 'hasOwnProperty', '2次'],
    ]));
    expect(shape(r)).toEqual([
      ['__proto__', [['constructor', [['prototype', '1次']]]]],
      ['toString', [['__proto__', [['hasOwnProperty', '2次']]]]],
    ]);
    expect(({} as Record<string, unknown>).prototype).toBeUndefined();
  });
});

describe('mapSheet: the year', () => {
  const sheet = grid('no year', [
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['产出', '时效', '完成时间', '年底前'],
  ]);

  it('reads dates in the plan year the user gives', () => {
    expect(mapSheet(sheet).meta.year).toBeNull();
    expect(leaves(mapSheet(sheet, { year: 2025 }))[0]!.result.spec).toMatchObject({ op: 'DATE_BY', date: '2025-12-31' });
  });

  it('falls back to a year in the sheet name', () => {
    expect(mapSheet({ ...sheet, name: '2021年项目' }).meta.year).toBe(2021);
  });
});
