import { describe, expect, it } from 'vitest';
import ScoreGauges from '@/components/evaluation/ScoreGauges.vue';
import { buildSeed } from '@/domain/seed/build';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { emptyEvaluationInputs } from '@/domain/evaluation/types';
import { RULE_SETS } from '@/domain/scoring/rule-sets';
import { wan } from '@/domain/money';
import { mountWithApp } from '../../fixtures/mount';

/** The seed plan scored with two rows typed in and 1,210.00 of 1,273.52 万元 spent. */
function form() {
  let n = 0;
  const seed = buildSeed({ newId: () => `id-${++n}`, now: '2022-01-01T00:00:00.000Z' });
  const b = seed.plans.find((p) => p.plan.kind === 'unit')!;
  const leaf = (name: string) => b.indicators.find((x) => x.level === 3 && x.name === name)!;
  const typed = (value: number) => ({ explanation: '', override: { text: String(value), actual: { kind: 'number' as const, value }, note: '台账' } });
  return buildEvaluationForm({
    plan: b.plan, unit: seed.unit, lines: b.budgetLines, nodes: b.indicators, rollups: [],
    spending: [{ date: '2022-12-01', amountFen: wan('1210') }],
    inputs: { ...emptyEvaluationInputs(), rows: { [leaf('有效提升职工凝聚力、幸福指数').id]: typed(93), [leaf('服务职工满意度').id]: typed(85) } },
    ruleSet: RULE_SETS['cn-2020-10']!, asOf: yearEnd(2022), lastRound: null, budgetWeightCp: 1000,
  });
}

const mountGauges = (whatIf: { asOf: string; totalCp: number; grade: 'good'; unscored: number } | null) =>
  mountWithApp(ScoreGauges, { props: { form: form(), whatIf }, global: { stubs: { BaseChart: true } } });

describe('ScoreGauges', () => {
  it('says each score against its scale in words beside the charts', () => {
    const w = mountGauges(null);
    // 30.00 + 9.44 + budget 9.50 = 48.94 → 差, with the 14 产出 rows still unscored.
    expect(w.get('[data-test=gauge-total] [data-test=gauge-value]').text()).toBe('48.94 / 100.00');
    expect(w.get('[data-test=gauge-total] [data-test=gauge-status]').text()).toBe('等级 差 · 14 项缺少实际完成值');
    expect(w.get('[data-test=gauge-total]').attributes('data-band')).toBe('poor');
    expect(w.get('[data-test=gauge-效益] [data-test=gauge-value]').text()).toBe('30.00 / 30.00');
    expect(w.get('[data-test=gauge-效益] [data-test=gauge-status]').text()).toBe('得分率 100.00%');
    expect(w.get('[data-test=gauge-满意度] [data-test=gauge-status]').text()).toBe('得分率 94.40%');
    expect(w.get('[data-test=gauge-产出] [data-test=gauge-status]').text()).toBe('14 项缺少实际完成值');
    expect(w.get('[data-test=gauge-budget]').text()).toContain('执行率 95.01%');
    expect(w.get('[data-test=gauge-budget] [data-test=gauge-status]').text()).toBe('1,210.00/1,273.52×10.00 = 9.50');
    expect(w.find('[data-test=what-if]').exists()).toBe(false);
    w.unmount();
  });

  it('during the plan year, says what the score would be at the current pace', () => {
    const w = mountGauges({ asOf: '2022-07-31', totalCp: 8512, grade: 'good', unscored: 2 });
    expect(w.get('[data-test=what-if]').text()).toBe('若按当前进度至年底，预计得分 85.12（良）截至 2022-07-31，按运行监控的预计方法推算；2 项尚无数据未计入。');
    w.unmount();
  });
});
