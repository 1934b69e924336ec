import { describe, expect, it } from 'vitest';
import { scoreBudget } from '@/domain/scoring/budget';
import { scoreIndicator } from '@/domain/scoring/indicator';
import { formatPoints } from '@/domain/points';
import { ALT, CTX, DEFAULT, band, done, n, row } from './fixtures';

/** Every worked example of domain.md §4.9, to the cent, under the profile the table names. */
describe('domain.md §4.9 worked examples', () => {
  it('count, positive: ≥800 人次, 720, w=4 → 3.60 (with w=10: 9.00)', () => {
    const s = scoreIndicator(row('不少于800人次', 400, n(720)), DEFAULT, CTX);
    expect(s.scoreCp).toBe(360);
    expect(s.ratio).toBe(0.9);
    expect(s.explanation.text).toBe('财预〔2020〕10号 定量正向: 720/800×4.00 = 3.60');
    expect(scoreIndicator(row('不少于800人次', 1000, n(720)), DEFAULT, CTX).scoreCp).toBe(900);
  });

  it('count, positive with the seed weight 3.58: 720/800×3.58 = 3.22', () => {
    const s = scoreIndicator(row('不少于800人次', 358, n(720)), DEFAULT, CTX);
    expect(s.scoreCp).toBe(322);
    expect(s.explanation.text).toBe('财预〔2020〕10号 定量正向: 720/800×3.58 = 3.22');
  });

  it('satisfaction: ≥90%, 85%, w=10 → 85/90 = 94.44% → 9.44 (not 85% × w)', () => {
    const s = scoreIndicator(row('≥90%', 1000, n(85)), DEFAULT, CTX);
    expect(s.scoreCp).toBe(944);
    expect(s.explanation.formula).toBe('85/90×10.00 = 9.44');
  });

  it('equality: 100% 准确率, 98%, w=3 → 2.94', () => {
    const s = scoreIndicator(row('100%', 300, n(98)), DEFAULT, CTX);
    expect(s.scoreCp).toBe(294);
    expect(s.explanation.rule).toBe('positive');
  });

  it('count, over-achieved: 300 人次, 650, w=4 → 4.00 + flag (216.7% ≥ 120%)', () => {
    const s = scoreIndicator(row('300人次', 400, n(650), { deviationReason: '报名踊跃' }), DEFAULT, CTX);
    expect(s.scoreCp).toBe(400);
    expect(s.over).toBe(true);
    expect(s.ratio).toBeCloseTo(2.16667, 5);
    expect(s.penaltyCp).toBe(0); // no automatic deduction by default
    expect(s.explanation.formula).toBe('650 ≥ 300 → 4.00');
  });

  it('cost, reverse (R1 default): ≤20 万元, 22, w=5 → (1 − 2/20) × 5 = 4.50; actual 40 → 0', () => {
    const s = scoreIndicator(row('≤20万元', 500, n(22)), DEFAULT, CTX);
    expect(s.scoreCp).toBe(450);
    expect(s.explanation.text).toBe('反向R1（FASP2 selfreverseindex）: (1−(22−20)/20)×5.00 = 4.50');
    expect(scoreIndicator(row('≤20万元', 500, n(40)), DEFAULT, CTX).scoreCp).toBe(0);
  });

  it('cost, reverse (R2): ≤20 万元, 22, w=5 → 20/22 × 5 = 4.55', () => {
    const s = scoreIndicator(row('≤20万元', 500, n(22)), ALT, CTX);
    expect(s.scoreCp).toBe(455);
    expect(s.explanation.text).toBe('反向R2（指标值/实际值）: 20/22×5.00 = 4.55');
  });

  it('cost, zero target: ≤0 起 事故, 1, w=4 → 0', () => {
    const s = scoreIndicator(row('≤0起', 400, n(1)), DEFAULT, CTX);
    expect(s.scoreCp).toBe(0);
    expect(s.explanation.text).toBe('反向零目标: 1 > 0 → 0.00');
  });

  it('date, late (D1): 2022-12-31前, done 2023-01-20, w=4 → 部分达成 0.7w = 2.80 (range 2.40–<3.20)', () => {
    const s = scoreIndicator(row('2022年12月31日前', 400, done('2023-01-20')), DEFAULT, CTX);
    expect(s.scoreCp).toBe(280);
    expect(s.explanation.formula).toBe('2023-01-20 > 2022-12-31 → 部分达成 → 0.7×4.00 = 2.80');
    // The evaluator may choose inside [2.40, 3.20) and nowhere else.
    expect(scoreIndicator(row('2022年12月31日前', 400, band('partial', 240)), DEFAULT, CTX).scoreCp).toBe(240);
    expect(scoreIndicator(row('2022年12月31日前', 400, band('partial', 319)), DEFAULT, CTX).scoreCp).toBe(319);
    expect(scoreIndicator(row('2022年12月31日前', 400, band('partial', 320)), DEFAULT, CTX).status).toBe('invalid');
  });

  it('date, late (D2): 2022-12-31前, planned 365 d, 20 d late, w=4 → (1 − 20/365) × 4 = 3.78', () => {
    const s = scoreIndicator(row('2022年12月31日前', 400, done('2023-01-20')), ALT, CTX);
    expect(s.scoreCp).toBe(378);
    expect(s.explanation.text).toBe('时效D2 线性: (1−20/365)×4.00 = 3.78');
  });

  it('qualitative: 有效提升, 部分达成, w=30 → band [18, 24), e.g. 21.00', () => {
    const s = scoreIndicator(row('有效提升', 3000, band('partial')), DEFAULT, CTX);
    expect(s.scoreCp).toBe(2100);
    expect(s.explanation.text).toBe('定性三档（FASP2 selfqualscorecheck）: 部分达成 → 0.7×30.00 = 21.00');
    const chosen = scoreIndicator(row('有效提升', 3000, band('partial', 2250)), DEFAULT, CTX);
    expect(chosen.scoreCp).toBe(2250);
    expect(chosen.explanation.formula).toBe('部分达成 [18.00, 24.00) → 22.50');
  });

  it('budget: 全年预算 20 万元, 执行 18.6, w=10 → 93% × 10 = 9.30', () => {
    const b = scoreBudget({ initialFen: 20_000_000, fullFen: 20_000_000, executedFen: 18_600_000, weightCp: 1000 }, DEFAULT);
    expect(b.scoreCp).toBe(930);
    expect(b.rate).toBe(0.93);
    expect(formatPoints(b.scoreCp)).toBe('9.30');
    expect(b.explanation.text).toBe('预算执行率: 18.60/20.00×10.00 = 9.30');
  });
});
