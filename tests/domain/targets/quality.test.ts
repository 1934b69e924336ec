import { describe, expect, it } from 'vitest';
import { checkTargetQuality, nameUnit, type QualityCode, type QualityNode } from '@/domain/targets/quality';
import { parseTarget } from '@/domain/targets/parse';
import { unitIndicators } from '@/domain/seed/yantian-2022';

const YEAR = 2022;

function leaf(name: string, targetText: string, weightCp: number | null = 358): QualityNode {
  return { name, targetText, target: parseTarget(targetText, { year: YEAR }).spec, weightCp, level: 3 };
}

const codes = (n: QualityNode, ctx: { year?: number } = { year: YEAR }): QualityCode[] => checkTargetQuality(n, ctx).map((w) => w.code);
const only = (n: QualityNode, code: QualityCode) => {
  const ws = checkTargetQuality(n, { year: YEAR });
  expect(ws.map((w) => w.code)).toStrictEqual([code]);
  return ws[0]!;
};

/** Every suggestion is a valid target that settles the warning it came with. */
function expectSuggestionsSettle(n: QualityNode, code: QualityCode): void {
  const w = checkTargetQuality(n, { year: YEAR }).find((x) => x.code === code)!;
  expect(w.suggest?.length).toBeGreaterThan(0);
  for (const text of w.suggest ?? []) {
    const r = parseTarget(text, { year: YEAR });
    expect(r.ok, text).toBe(true);
    expect(codes({ ...n, targetText: text, target: r.spec }), text).not.toContain(code);
  }
}

describe('notMeasurable: 定性 text that names nothing checkable', () => {
  it.each(['有效提升', '明显改善', '逐步提高', '较好', '达到预期'])('%s', (text) => {
    const w = only(leaf('职工安全意识', text), 'notMeasurable');
    expect(w).toMatchObject({ params: { text }, fix: 'writeMeasure' });
  });

  it.each(['通过验收', '未发生重大安全事故', '按计划完成', '全部落实到位', '制度印发实施'])('%s names a checkable result', (text) => {
    expect(codes(leaf('项目建设', text))).toStrictEqual([]);
  });

  it('unparsed text is not reported again (the tree flags it already)', () => {
    expect(codes(leaf('活动', '每月1次'))).toStrictEqual([]);
  });
});

describe('directionUnclear: a bare number (domain.md §2.2 reads it as EQ)', () => {
  it('30人: at least or exactly? suggests ≥30人 and =30人', () => {
    const w = only(leaf('职业化干部及工会组织员补贴发放人数', '30人'), 'directionUnclear');
    expect(w).toMatchObject({ params: { text: '30人', ge: '≥30人', eq: '=30人' }, fix: 'chooseDirection', suggest: ['≥30人', '=30人'] });
    expectSuggestionsSettle(leaf('补贴发放人数', '30人'), 'directionUnclear');
  });

  it('keeps 各 and a glued note in the suggestions', () => {
    expect(only(leaf('检查', '各2次'), 'directionUnclear').suggest).toStrictEqual(['各≥2次', '各=2次']);
    expect(only(leaf('宣传覆盖面', '90%覆盖'), 'directionUnclear').suggest).toStrictEqual(['≥90%覆盖', '=90%覆盖']);
  });

  it('100 %, zero and any written operator are clear', () => {
    expect(codes(leaf('上解上级工会经费准确率', '100%'))).toStrictEqual([]);
    expect(codes(leaf('安全事故', '0起'))).toStrictEqual([]);
    for (const t of ['≥30人', '=30人', '不少于30人', '30人以上', '完成30人']) expect(codes(leaf('补贴发放人数', t))).toStrictEqual([]);
  });
});

describe('unitMismatch: the name says one unit, the target another (人 ≠ 人次, domain.md §2.4)', () => {
  it('name in 人次, target in 人', () => {
    const n = leaf('开展职工权益保障和职工服务等活动（人次）', '不少于800人');
    expect(only(n, 'unitMismatch')).toMatchObject({ params: { named: '人次', unit: '人' }, fix: 'personTimes', suggest: ['不少于800人次'] });
    expect(codes(leaf('文体活动参与人次', '≥300人'))).toStrictEqual(['unitMismatch']);
    expectSuggestionsSettle(n, 'unitMismatch');
  });

  it('name in 人, target in 人次', () => {
    expect(only(leaf('疗休养活动人数', '≥25人次'), 'unitMismatch')).toMatchObject({ params: { named: '人', unit: '人次' }, suggest: ['≥25人'] });
    expect(codes(leaf('培训对象（人）', '≥25人次'))).toStrictEqual(['unitMismatch']);
  });

  it('any bracketed unit against another one; scale words and brackets that are not units are fine', () => {
    expect(only(leaf('宣传资料数量（份）', '≥5000本'), 'unitMismatch')).toMatchObject({ fix: 'matchUnit', suggest: ['≥5000份'] });
    expect(codes(leaf('服务覆盖人次', '≥1.2万人次'))).toStrictEqual([]);
    expect(codes(leaf('资金（元）', '≤20万元'))).toStrictEqual([]);
    expect(codes(leaf('办法（试行）出台数量', '≥2项'))).toStrictEqual([]);
    expect(nameUnit('办法（试行）出台数量')).toBeNull();
  });
});

describe('rateUnit: a 率 name with a target not in %', () => {
  it.each([
    ['活动参与率', '≥90人', '≥90%'],
    ['宣传资料及时发放率', '≥90', '≥90%'],
    ['服务覆盖率（%）以上', '不少于90个', '不少于90%'],
  ])('%s %s → %s', (name, target, fixed) => {
    const w = checkTargetQuality(leaf(name, target), { year: YEAR }).find((x) => x.code === 'rateUnit' || x.code === 'unitMismatch')!;
    expect(w.suggest).toStrictEqual([fixed]);
  });

  it('reports rateUnit with the unit written', () => {
    expect(only(leaf('活动参与率', '≥90人'), 'rateUnit')).toMatchObject({ params: { unit: '人' }, fix: 'usePercent' });
    expect(only(leaf('及时发放率', '≥90'), 'rateUnit').params).toStrictEqual({ unit: '—' });
    expectSuggestionsSettle(leaf('活动参与率', '≥90人'), 'rateUnit');
  });

  it('‰ and 个百分点 are rates too', () => {
    expect(codes(leaf('事故率', '≤1‰'))).toStrictEqual([]);
    expect(codes(leaf('就业率', '≥2个百分点'))).toStrictEqual([]);
  });
});

describe('rateOver100', () => {
  it('a rate above 100 % suggests the cap', () => {
    const w = only(leaf('经费准确率', '≥120%'), 'rateOver100');
    expect(w).toMatchObject({ params: { value: 120 }, fix: 'capAt100', suggest: ['≥100%'] });
    expectSuggestionsSettle(leaf('经费准确率', '≥120%'), 'rateOver100');
  });

  it('a band reaching over 100 % is capped at 100', () => {
    expect(only(leaf('预算执行率', '100±5%'), 'rateOver100').suggest).toStrictEqual(['95%-100%']);
  });

  it('growth rates may exceed 100 %', () => {
    expect(codes(leaf('服务人次增长率', '≥120%'))).toStrictEqual([]);
  });
});

describe('deadlineOutsideYear', () => {
  it('a deadline in another year suggests the plan year end', () => {
    const w = only(leaf('各项工作完成时间', '2023年6月30日前'), 'deadlineOutsideYear');
    expect(w).toMatchObject({ params: { date: '2023-06-30', year: 2022 }, fix: 'moveIntoYear', suggest: ['2022年12月31日前'] });
  });

  it('a period starting the year before', () => {
    expect(only(leaf('改造工期', '2021年11月-2022年3月'), 'deadlineOutsideYear').params).toStrictEqual({ date: '2021-11-01', year: 2022 });
  });

  it('inside the year, on time without a date, or without a plan year: nothing', () => {
    expect(codes(leaf('各项工作完成时间', '2022年12月31日前'))).toStrictEqual([]);
    expect(codes(leaf('各项工作完成时间', '按时完成'))).toStrictEqual([]);
    expect(codes(leaf('各项工作完成时间', '2023年6月30日前'), {})).toStrictEqual([]);
  });
});

describe('noWeight: an applicable 三级 without points (FASP2 isCheckWeightGtZero, domain.md §2.5)', () => {
  it('null or zero points on an applicable row', () => {
    expect(only(leaf('经费准确率', '100%', null), 'noWeight')).toStrictEqual({ code: 'noWeight', fix: 'setWeight' });
    expect(codes(leaf('经费准确率', '100%', 0))).toStrictEqual(['noWeight']);
  });

  it('不适用 rows and 一级/二级 groups are not checked at all', () => {
    expect(codes(leaf('不适用', '不适用', null))).toStrictEqual([]);
    expect(codes({ name: '产出指标', targetText: '', weightCp: null, level: 1 })).toStrictEqual([]);
  });
});

describe('measureUnnamed: a wish for a name with a % target (domain.md §2.2 edge case)', () => {
  it('有效提升职工凝聚力、幸福指数 ≥90%', () => {
    expect(only(leaf('有效提升职工凝聚力、幸福指数', '≥90%'), 'measureUnnamed')).toMatchObject({ params: { name: '有效提升职工凝聚力、幸福指数' }, fix: 'nameMeasure' });
  });
});

describe('the seed plan', () => {
  it('warns exactly the bare counts (30人, 5000份, 1次, …) and the unnamed measure; everything else is clean', () => {
    // Unparsed on purpose (target absent): the check parses the text as the seed build does.
    const warned = unitIndicators
      .map((r) => ({ r, ws: checkTargetQuality({ name: r.name, targetText: r.target, weightCp: 358, level: 3 }, { year: YEAR }) }))
      .filter((x) => x.ws.length)
      .map((x) => `${x.r.target}:${x.ws.map((w) => w.code).join(',')}`);
    expect(warned).toStrictEqual([
      '5000份:directionUnclear',
      '30人:directionUnclear',
      '300人次:directionUnclear',
      '25人:directionUnclear',
      '1次:directionUnclear',
      '≥90%:measureUnnamed',
    ]);
  });
});
