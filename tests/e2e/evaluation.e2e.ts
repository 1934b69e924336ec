import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { freshProfile, launch, screenshot, watchErrors } from './browser';
import { EvaluationPage } from './pages/EvaluationPage';

const baseUrl = inject('baseUrl');
const SERVICES = '开展职工权益保障和职工服务等活动（人次）';
const SPORTS = '开展职工趣味运动会、登山等文体活动参与人次';
const DEADLINE = '各项工作完成时间';
const SATISFACTION = '服务职工满意度';
let ctx: BrowserContext | undefined;

/** The year-end actuals of domain.md §4.10 (hypothetical), as the evaluator types them. */
const ACTUALS: Record<string, string> = {
  [SERVICES]: '720',
  '印制组织建设、权益保障、关爱服务等宣传资料数量（份）': '5000',
  '职业化干部及工会组织员补贴发放人数': '28',
  [SPORTS]: '650',
  '劳模、先进生产者等有关人员疗休养活动人数': '25',
  '上解上级工会经费完成数量': '1',
  '宣传资料及时发放率': '95',
  '开展职工权益保障和职工服务活动覆盖率': '88',
  '开展职工趣味运动会、登山等文体活动参与率': '92',
  '劳模、先进生产者等有关人员疗休养活动参与率': '100',
  '职业化干部级工会组织员补贴准确率': '100',
  '上解上级工会经费准确率': '100',
  [DEADLINE]: '2023-01-10',
  '成本控制率': '96',
  '有效提升职工凝聚力、幸福指数': '93',
  [SATISFACTION]: '85',
};

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('self-evaluation in Chromium', () => {
  it('scores the seed plan as it is typed, refuses to finalise naming the row, finalises, stays locked after a reload; both form layouts', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = watchErrors(page);
    const ev = new EvaluationPage(page, baseUrl);
    await ev.open();

    // Empty state on the seed's 2022 单位整体 plan, then a draft.
    expect(await page.locator('h1').textContent()).toBe('深圳市盐田区总工会单位整体支出绩效目标表');
    expect(await page.locator('[data-test=eval-empty]').textContent()).toContain('尚未开始 2022 年度绩效自评');
    await ev.start();
    expect(await ev.status()).toBe('草稿');
    expect(await ev.total()).toBe('0.00');
    expect(await ev.grade()).toBe('差');

    // Points: a changed 分值 breaks Σ = 100, the default points restore it.
    await ev.setWeight(SERVICES, '3');
    await expect.poll(() => ev.weightTotal()).toContain('99.42');
    await ev.applyDefaultWeights();
    await expect.poll(() => ev.weightTotal()).toContain('符合要求');
    expect(await ev.row(SERVICES).locator('[data-test=weight-input]').inputValue()).toBe('3.58');

    // Actuals for every applicable row, by hand (each override asks why); the total and grade move as typed.
    expect((await ev.applicableRows()).sort()).toEqual(Object.keys(ACTUALS).sort());
    await ev.typeActual(SERVICES, '720');
    await expect.poll(() => ev.total()).toBe('3.22');
    expect(await ev.row(SERVICES).locator('[data-test=explanation]').textContent()).toBe('财预〔2020〕10号 定量正向: 720/800×3.58 = 3.22');
    await ev.typeActual(SERVICES, '72o');
    await expect.poll(() => ev.row(SERVICES).locator('[data-test=actual-error]').textContent()).toBe('请输入数字');
    expect(await ev.total()).toBe('3.22');
    await ev.typeActual(SERVICES, '720');
    const grades = new Set<string>();
    for (const [name, value] of Object.entries(ACTUALS)) {
      await ev.typeActual(name, value);
      await ev.note(name, '以年终工作台账为准');
      grades.add((await ev.grade()) ?? '');
    }
    await expect.poll(() => ev.total()).not.toBe('3.22');
    expect(grades.size).toBeGreaterThan(1); // 差 → 中 → 良 as the rows fill in
    await expect.poll(() => ev.row(SPORTS).locator('[data-test=over-flag]').textContent()).toContain('216.7%');
    // The late deadline falls in 部分达成; a score inside its band.
    expect(await ev.row(DEADLINE).locator('[data-test=band-by-date]').textContent()).toContain('部分达成');
    await ev.row(DEADLINE).locator('[data-test=band-score]').fill('2.6');
    await expect.poll(() => ev.score(DEADLINE)).toBe('2.60');

    // Explain every row below full marks or over-achieved, except the satisfaction survey; write the goal.
    for (const name of Object.keys(ACTUALS)) {
      if (name !== SATISFACTION && (await ev.needsExplanation(name))) await ev.explain(name, '原因：年中场地调整；措施：提前编排全年活动计划');
    }
    await page.locator('[data-test=goal-actual]').fill('全年围绕职工权益保障、关爱服务和组织建设开展工作，年度总体目标基本完成。');
    expect(await ev.needsExplanation(SATISFACTION)).toBe(1);
    await ev.top();
    await screenshot(page, 'evaluation-workspace');

    // Finalise: refused, the row named with what it lacks; its link puts the cursor in the field.
    expect(await ev.pressFinalise()).toBe(false);
    expect(await ev.problems().count()).toBe(1);
    expect(await ev.problem(SATISFACTION).textContent()).toContain('未满分，需填写偏差原因分析及改进措施');
    await ev.problem(SATISFACTION).locator('a').click();
    await expect.poll(() => ev.focused()).toBe(`${SATISFACTION}|explanation-input`);
    await page.keyboard.type('调查样本偏少，明年扩大调查范围并改进服务');
    await expect.poll(() => page.locator('[data-test=problems-none]').count()).toBe(1);

    const total = (await ev.total())!;
    const grade = (await ev.grade())!;
    expect(await ev.pressFinalise()).toBe(true);
    expect(await page.locator('[data-test=finalise-summary]').textContent()).toBe(`总分 ${total} · ${grade}`);
    await ev.confirmFinalise('王评价');
    expect(await ev.status()).toBe('已定稿');
    expect(await page.locator('[data-test=stamp]').textContent()).toContain('王评价');
    expect(await page.locator('[data-test=actual-input]').count()).toBe(0);

    // Reloaded: still final, read-only, the same total.
    await page.reload();
    await page.locator('[data-test=eval-toolbar][data-status=final]').waitFor();
    expect(await ev.total()).toBe(total);
    // Nothing of the final card can be typed into (the app bar's plan search is the shell's, not the card's).
    expect(await page.locator('main.content').locator('input, textarea').filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('[data-test=correct]').count()).toBe(1);

    // Both layouts of the 自评表 from the same card.
    await ev.tab('form');
    await page.locator('[data-test=form-sheet][data-layout=unit]').waitFor();
    expect(await page.locator('[data-test=form-total-value]').textContent()).toBe(total);
    expect(await page.locator(`[data-test=form-indicators-unit] tr[data-indicator="${SERVICES}"] [data-col=coefficient]`).textContent()).toBe('89.94');
    expect(await page.locator('[data-test=form-stamp]').textContent()).toContain('王评价');
    await ev.top();
    await screenshot(page, 'evaluation-form-unit');
    await ev.layout('project');
    expect(await page.locator(`[data-test=form-indicators-project] tr[data-indicator="${DEADLINE}"] [data-col=score]`).textContent()).toContain('2.60');
    expect(await page.locator('[data-test=form-funds] [data-fund=total] [data-col=weight]').textContent()).toBe('10.00');
    expect(await page.locator('[data-test=form-grade]').textContent()).toBe(grade);
    await ev.top();
    await screenshot(page, 'evaluation-form-project');

    expect(errors).toEqual([]);
  });
});
