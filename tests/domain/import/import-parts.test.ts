import { describe, expect, it } from 'vitest';
import { detectMeta } from '@/domain/import/meta';
import { composeTarget, parseWeight } from '@/domain/import/target-cell';
import { emptyMapping, findHeaderRow, guessMapping, headerKey, isHeaderLike, mergeMapping, roleOf } from '@/domain/import/columns';
import { ImportRefusedError } from '@/domain/import/errors';

/**
 * The parts of the 绩效目标表 reader one by one: the header fields above the table, the column roles, and the target
 * and 分值 cells — every label and spelling the forms print, so a sheet from another system is read the same way.
 */

describe('detectMeta: the header fields above the table', () => {
  it('the sample: title, year line, unit name → a unit plan named after unit and title', () => {
    expect(detectMeta([['单位整体支出绩效目标表'], ['（2022年度）'], ['单位名称', '深圳市盐田区总工会']], 'Sheet1')).toEqual({
      title: '单位整体支出绩效目标表',
      kind: 'unit',
      name: '深圳市盐田区总工会单位整体支出绩效目标表',
      year: 2022,
      goal: null,
      unitName: '深圳市盐田区总工会',
      supervisor: null,
    });
  });

  it('a project table: inline fields, a bracketed label, the year in words and the goal kept with its line break', () => {
    const meta = detectMeta([['项目支出绩效目标表'], ['项目名称：职工服务', '主管部门：区总工会'], ['预算单位（盖章）', '区总工会', '所属年度', '2023年'], ['年度绩效目标', ' 全年服务\n职工 ']], 'Sheet1');
    expect(meta).toEqual({ title: '项目支出绩效目标表', kind: 'project', name: '职工服务', year: 2023, goal: '全年服务\n职工', unitName: '区总工会', supervisor: '区总工会' });
  });

  it('several fields in one cell, apart by ideographic spaces (the app’s own export)', () => {
    expect(detectMeta([['单位名称：A\u3000\u3000主管部门：B\u3000\u3000年度：2024']], 'S')).toMatchObject({ unitName: 'A', supervisor: 'B', year: 2024 });
  });

  it('labels whose values are blank (or are themselves labels) give nothing; the sheet name gives the name and year', () => {
    expect(detectMeta([['项目名称', '主管部门'], ['', '']], '2021年表')).toEqual({ title: null, kind: null, name: '2021年表', year: 2021, goal: null, unitName: null, supervisor: null });
  });

  it('a title that starts with its year is named without it', () => {
    expect(detectMeta([['2022年度区总工会单位整体支出绩效目标表'], ['单位名称', '区总工会']], 'S')).toMatchObject({ kind: 'unit', name: '区总工会单位整体支出绩效目标表', year: 2022 });
  });

  it.each<[string[][], string, Record<string, unknown>]>([
    [[['部门整体支出绩效目标表'], ['部门名称', 'X'], ['主管单位', 'Y'], ['总体目标', 'G']], 'S', { kind: 'unit', name: 'X部门整体支出绩效目标表', unitName: 'X', supervisor: 'Y', goal: 'G', year: null }],
    [[['填报单位', 'U'], ['部门', 'D'], ['年度目标', 'G2'], ['年度', '2025']], '项目绩效 S', { kind: 'project', unitName: 'U', supervisor: 'D', goal: 'G2', year: 2025 }],
    [[['实施单位', 'U'], ['项目绩效目标', 'G3']], 'Sheet 9', { kind: 'project', name: 'Sheet 9', unitName: 'U', goal: 'G3', year: null }],
    [[['绩效目标', 'G4'], ['预算年度', '２０２６']], '', { kind: null, name: null, goal: 'G4', year: 2026 }],
    [[['xx'], ['备注：无']], '单位整体 2019', { kind: 'unit', year: 2019, goal: null }],
  ])('every label the forms print: %j', (rows, sheet, expected) => {
    expect(detectMeta(rows, sheet)).toMatchObject(expected);
  });
});

describe('column roles', () => {
  it.each<[string, string | null]>([
    ['一级指标', 'level1'],
    ['一级绩效指标名称', 'level1'],
    ['二级', 'level2'],
    ['三级指标', 'level3'],
    ['指标名称', 'level3'],
    ['指标内容', 'level3'],
    ['年度指标值', 'target'],
    ['指标值（目标值）', 'target'],
    ['全年目标值', 'target'],
    ['分值(分)', 'weight'],
    ['权重', 'weight'],
    ['满分', 'weight'],
    ['计量单位', 'unit'],
    ['度量单位', 'unit'],
    ['单位', 'unit'],
    ['指标性质', 'nature'],
    ['指标方向', 'nature'],
    ['计算符号', 'nature'],
    ['符号', 'nature'],
    ['*一级 指标', 'level1'],
    ['调整后指标值', null],
    ['单位名称', null],
    ['【备注】', null],
    ['', null],
  ])('%j → %s', (header, role) => {
    expect(roleOf(header)).toBe(role);
  });

  it('headerKey drops brackets of every kind, spaces, stars and colons', () => {
    expect(headerKey(' *指标值（目标值）：')).toBe('指标值');
    expect(headerKey('分值[分]【注】')).toBe('分值');
  });

  it('guessMapping takes the first column of each role', () => {
    expect(guessMapping(['一级指标', '二级指标', '三级指标', '指标值', '年度指标值', '分值'])).toEqual({ ...emptyMapping(), level1: 0, level2: 1, level3: 2, target: 3, weight: 5 });
  });

  it('the header row names a 三级 column and a target, or all three levels; a repeated header has two roles or more', () => {
    expect(findHeaderRow([['单位名称', 'X'], ['三级指标', '指标值']])).toBe(1);
    expect(findHeaderRow([['一级', '二级', '三级']])).toBe(0);
    expect(findHeaderRow([['三级指标', '备注'], ['一级', '三级']])).toBe(-1);
    expect(isHeaderLike(['一级', '二级'])).toBe(true);
    expect(isHeaderLike(['一级', 'x'])).toBe(false);
  });

  it('mergeMapping: a chosen column is taken from any other role; choices outside the sheet are ignored', () => {
    const guessed = { ...emptyMapping(), level3: 2, target: 3 };
    expect(mergeMapping(guessed, { target: 2 }, 5)).toEqual({ ...emptyMapping(), level3: null, target: 2 });
    expect(mergeMapping(guessed, { target: null }, 5)).toEqual({ ...emptyMapping(), level3: 2, target: null });
    expect(mergeMapping(guessed, { target: 5 }, 5)).toEqual(guessed);
    expect(mergeMapping(guessed, { target: -1 }, 5)).toEqual(guessed);
    expect(mergeMapping(guessed, { target: 1.5 }, 5)).toEqual(guessed);
    expect(mergeMapping(guessed, undefined, 5)).toEqual(guessed);
    expect(mergeMapping(guessed, { target: 4 }, 5)).toEqual({ ...emptyMapping(), level3: 2, target: 4 });
  });
});

describe('the target cell with its 指标性质 and 计量单位 cells', () => {
  it.each<[string, string, string, string, string[]]>([
    ['90', '≥', '%', '≥90%', ['composed']],
    ['≥９０％', '', '', '≥９０％', []],
    [' 9 0 ', '大于', '', '>90', ['composed']],
    ['90', '正向指标', '%', '≥90%', ['composed']],
    ['90', '反向指标', '', '≤90', ['composed']],
    ['90', '<', '', '<90', ['composed']],
    ['90', '>', '', '>90', ['composed']],
    ['90', '=', '人', '90人', ['composed']],
    ['90', '定性', '', '90', []],
    ['90', '怪', '', '90', []],
    ['达到', '≥', '%', '达到', []],
    ['≤90%', '正向', '', '≤90%', ['natureConflict']],
    ['不少于90', '≤', '', '不少于90', ['natureConflict']],
  ])('%j with %j and %j → %j', (cell, nature, unit, text, notes) => {
    const r = composeTarget(cell, nature, unit);
    expect(r.text).toBe(text);
    expect(r.notes.map((n) => n.code)).toEqual(notes);
  });

  it('the note names what was added', () => {
    expect(composeTarget('90', ' ≥ ', ' % ').notes).toEqual([{ code: 'composed', params: { nature: '≥', unit: '%' } }]);
    expect(composeTarget('≤90%', '正向', '').notes).toEqual([{ code: 'natureConflict', params: { nature: '正向' } }]);
  });
});

describe('parseWeight', () => {
  it.each<[string, number | null]>([
    ['3.58', 358],
    ['５分', 500],
    ['10%', 1000],
    ['100', 10_000],
    ['', null],
    [' ', null],
  ])('%j → %s', (cell, weightCp) => {
    expect(parseWeight(cell)).toEqual({ weightCp });
  });
  it.each(['-1', '100.01', '101', 'abc', '3.585'])('%j → refused with a note naming it', (cell) => {
    expect(parseWeight(cell)).toEqual({ weightCp: null, note: { code: 'badWeight', params: { text: cell } } });
  });
});

describe('ImportRefusedError', () => {
  it('says the code, the sheet counted from 1, and the detail', () => {
    expect(new ImportRefusedError('exists', 0, '2022 职工服务').message).toBe('import refused: exists (sheet 1): 2022 职工服务');
    expect(new ImportRefusedError('nothing').message).toBe('import refused: nothing');
    expect(new ImportRefusedError('nothing')).toMatchObject({ name: 'ImportRefusedError', code: 'nothing', sheet: null, detail: '' });
  });
});
