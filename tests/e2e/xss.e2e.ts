import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { dismissNotices, freshProfile, launch, screenshot, watchErrors } from './browser';
import { DashboardPage } from './pages/DashboardPage';
import { ActivityPage } from './pages/ActivityPage';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { MonitoringPage } from './pages/MonitoringPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { ReportPage } from './pages/ReportPage';

/**
 * Issue #9: markup and template syntax typed into every free-text field is stored and shown as the text typed. An
 * HTML sink would run the handler (a CSP refusal here, the policy forbids inline handlers) or leave an <img src=x>;
 * a template sink would print 49.
 */
const baseUrl = inject('baseUrl');
const IMG = '<img src=x onerror=alert(1)>';
const TPL = '{{7*7}}';
/** What is typed into a field: a tag saying which field, then both payloads. */
const P = (tag: string) => `${tag}${IMG}${TPL}`;
/**
 * The target field accepts only a target it can read, and no reading keeps digits it cannot place: a 定性 target
 * without digits carries the same two kinds of payload (and no spaces, which the editor folds away).
 */
const QUAL_TARGET = "良好<svg/onload=alert(document.domain)>{{'xss'.toUpperCase()}}";
const FIRST = '开展职工权益保障和职工服务等活动（人次）';
const UNIT_PLAN = '深圳市盐田区总工会单位整体支出绩效目标表';
/** Year-end actuals for rows the sample log leaves without one (as evaluation.e2e.ts types them). */
const ACTUALS: Record<string, string> = {
  '印制组织建设、权益保障、关爱服务等宣传资料数量（份）': '5000',
  '职业化干部及工会组织员补贴发放人数': '28',
  '开展职工趣味运动会、登山等文体活动参与人次': '650',
  '劳模、先进生产者等有关人员疗休养活动人数': '25',
  '上解上级工会经费完成数量': '1',
  '宣传资料及时发放率': '95',
  '开展职工权益保障和职工服务活动覆盖率': '88',
  '开展职工趣味运动会、登山等文体活动参与率': '92',
  '劳模、先进生产者等有关人员疗休养活动参与率': '100',
  '职业化干部级工会组织员补贴准确率': '100',
  '上解上级工会经费准确率': '100',
  '各项工作完成时间': '2022-12-20',
  '成本控制率': '96',
  '有效提升职工凝聚力、幸福指数': '93',
  '服务职工满意度': '92',
};
let ctx: BrowserContext | undefined;

afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

interface Watch {
  errors: string[];
  dialogs: string[];
}

/** Errors, CSP refusals (console and securitypolicyviolation events) and any alert/confirm/prompt/beforeunload. */
async function watch(page: Page): Promise<Watch> {
  const errors = watchErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(`csp (${m.type()}): ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to ... (securitypolicyviolation) ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { errors, dialogs };
}

const textOf = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

/** Nothing typed became markup or was evaluated as a template, and nothing was refused or alerted. */
async function expectInert(page: Page, w: Watch, where: string) {
  expect(await page.locator('img[src="x"], [onerror], [onload], svg[onload]').count(), `${where}: injected element`).toBe(0);
  const text = await textOf(page);
  expect(text, `${where}: template evaluated`).not.toContain(`${IMG}49`);
  expect(text, `${where}: template evaluated`).not.toContain('onload=alert(document.domain)>XSS');
  expect(w.dialogs, `${where}: dialogs`).toEqual([]);
  expect(w.errors, `${where}: errors`).toEqual([]);
}

/** Each tagged payload is on the page as typed (text content, so closed <details> count), and inert. */
async function expectLiteral(page: Page, w: Watch, where: string, tags: string[], extra: string[] = []) {
  const wanted = [...tags.map(P), ...extra];
  await expect.poll(async () => {
    const text = await textOf(page);
    return wanted.filter((s) => !text.includes(s));
  }, { message: `${where}: missing literal text` }).toEqual([]);
  const text = await textOf(page);
  for (const tag of tags) expect(text, `${where}: ${tag} rendered as template`).not.toContain(`${tag}49`);
  await expectInert(page, w, where);
}

async function fillAll(page: Page, fields: Record<string, string>) {
  for (const [selector, tag] of Object.entries(fields)) await page.locator(selector).fill(P(tag));
}

describe('markup typed into the app stays text (Chromium)', () => {
  it('every free-text field of every view saves <img onerror> and {{7*7}} and shows them literally, also after a reload', async () => {
    ctx = await launch(freshProfile());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const w = await watch(page);

    // A year of sample activity, so monitoring has red and yellow rows to explain.
    const dash = new DashboardPage(page, baseUrl);
    await dash.open();
    await page.locator('[data-test=sample-load]').click();
    await page.locator('dialog.confirm button[type=submit]').click();
    await page.locator('[data-test=sample-note]').waitFor();

    // ── Data: the unit's name and 主管部门 ──
    await page.goto(`${baseUrl}#/data`);
    await fillAll(page, { '[data-test=unit-name]': '单位名称', '[data-test=unit-supervisor]': '主管部门' });
    await page.locator('[data-test=save-unit]').click();
    await expect.poll(() => page.locator('.brand small').textContent()).toBe(P('单位名称'));
    await expectInert(page, w, 'data');

    // ── Indicators: a new plan (name, goal) ──
    const tree = new IndicatorsPage(page, baseUrl);
    await tree.open();
    await page.locator('[data-test=new-plan]').click();
    await fillAll(page, { '[data-test=np-name]': '新计划', '[data-test=np-goal]': '新计划目标' });
    await page.locator('[data-test=np-budget]').fill('12.5');
    await page.locator('[data-test=np-create]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(P('新计划'));
    await expectLiteral(page, w, 'new plan', ['新计划', '新计划目标']);
    // The year overview lists it as typed; back from there to the unit plan, which has the activity.
    const m = new MonitoringPage(page, baseUrl);
    await m.open();
    await m.openOverview();
    await expectLiteral(page, w, 'monitoring overview', ['新计划']);
    await page.locator(`[data-test=overview-plans] tr[data-plan="${UNIT_PLAN}"] [data-test=open-plan]`).click();
    await tree.open();
    await expect.poll(() => page.locator('h1').textContent()).toBe(UNIT_PLAN);

    // Goal and a budget line (name, content), then a budget adjustment's reason.
    await page.locator('[data-test=edit-budget]').click();
    await page.locator('.budget-editor [data-test=goal]').fill(P('总体目标'));
    await page.locator('[data-test=add-line]').click();
    await page.locator('[data-test=line-name]').last().fill(P('预算项目'));
    await page.locator('[data-test=line-content]').last().fill(P('项目内容'));
    await page.locator('[data-test=line-fiscal]').last().fill('1');
    await page.locator('[data-test=save-budget]').click();
    await page.locator('[data-test=edit-budget]').waitFor();
    await page.locator('details.tasks summary').click();
    const lineOption = await page.locator('[data-test=adj-line] option', { hasText: P('预算项目') }).getAttribute('value');
    await page.locator('[data-test=adj-line]').selectOption(lineOption!);
    await page.locator('[data-test=adj-amount]').fill('0.5');
    await page.locator('[data-test=adj-reason]').fill(P('预算调整原因'));
    await page.locator('[data-test=adj-save]').click();
    await page.locator('[data-test=adj-row]').first().waitFor();

    // The exact payload as a target is refused (no reading) and quoted back literally in the feedback.
    await tree.startEdit(FIRST);
    await tree.typeTarget(P('不可读目标'));
    await expect.poll(() => page.locator('.indicator-editor .target-feedback').textContent()).toContain(P('不可读目标'));
    expect(await page.locator('.indicator-editor [data-test=save]').isDisabled()).toBe(true);
    await expectInert(page, w, 'target feedback');
    await page.locator('.indicator-editor [data-test=cancel]').click();

    // A new 三级 indicator: the payload as its name, a 定性 payload as its target.
    await page.locator('tr.row-l2[data-level2="数量"] [data-test=add]').click();
    await page.locator('.indicator-editor [data-test=name]').fill(P('新指标'));
    await tree.typeTarget(QUAL_TARGET);
    await tree.pressEnter();
    await expect.poll(() => tree.targetOf(P('新指标')).textContent()).toBe(QUAL_TARGET);

    // A target adjustment's reason.
    await page.locator(`tr.row-l3[data-indicator="${FIRST}"] [data-test=adjust]`).click();
    await page.locator('[data-test=adjust-target]').fill('不少于900人次');
    await page.locator('[data-test=adjust-reason]').fill(P('目标调整原因'));
    await page.locator('[data-test=adjust-save]').click();
    await expect.poll(() => tree.targetOf(FIRST).textContent()).toBe('不少于900人次');
    await page.locator(`tr.row-l3[data-indicator="${FIRST}"] [data-test=adjust]`).click();
    await expectLiteral(page, w, 'target adjustment', ['目标调整原因']);
    await page.locator('.target-adjust').getByRole('button', { name: '取消' }).click();

    // A 二级 group renamed.
    await page.locator('tr.row-l2[data-level2="数量"] [data-test=edit]').click();
    await page.locator('.inline-rename [data-test=rename]').fill(P('二级指标'));
    await page.locator('.inline-rename [data-test=rename]').press('Enter');
    await page.locator(`tr.row-l2[data-level2="${P('二级指标')}"]`).waitFor();
    const indicatorTags = ['总体目标', '预算项目', '项目内容', '预算调整原因', '新指标', '二级指标', '单位名称'];
    await expectLiteral(page, w, 'indicators', indicatorTags, [QUAL_TARGET]);
    await dismissNotices(page);
    await screenshot(page, 'xss-indicators');

    // ── Activity: an entry's note and recorder; the picker and the text filter; spending ──
    const log = new ActivityPage(page, baseUrl);
    await log.open();
    await page.locator('[data-test=picker]').fill(`${IMG}${TPL}`);
    await expectInert(page, w, 'picker query');
    await page.locator('[data-test=picker]').fill('');
    await page.locator('[data-test=picker]').click();
    await log.type('权益保障和职工服务等');
    await page.locator('[data-test=amount]').fill('5');
    await fillAll(page, { '.entry-form [data-test=recorded-by]': '记录人', '.entry-form [data-test=note]': '活动备注' });
    await page.locator('.entry-form [data-test=save-entry]').click();
    await log.rows().filter({ hasText: P('活动备注') }).waitFor();
    await page.locator('[data-test=filter-text]').fill(P('活动备注'));
    await expect.poll(() => log.rows().count()).toBe(1);
    await page.locator('[data-test=filter-text]').fill(`${IMG}${TPL}`);
    await expect.poll(() => log.rows().count()).toBe(1);
    await page.locator('[data-test=filter-text]').fill('');

    await page.locator('[data-test=spend-line]').selectOption(lineOption!);
    await page.locator('[data-test=spend-wan]').fill('0.2');
    await fillAll(page, { '[data-test=spend-who]': '支出记录人', '.spending-form .ef-span input': '支出备注' });
    await page.locator('[data-test=save-spending]').click();
    await page.locator('[data-test=spending-row]', { hasText: P('支出记录人') }).waitFor();
    const activityTags = ['记录人', '活动备注', '支出记录人', '预算项目'];
    await expectLiteral(page, w, 'activity', activityTags);
    await dismissNotices(page);
    await screenshot(page, 'xss-activity');

    // ── Monitoring: every text of a round at 30 June, submitted ──
    await m.open();
    await m.startRound('2022-06-30');
    await m.sheet().waitFor();
    await fillAll(page, {
      '[data-test=goal-progress]': '执行情况',
      '[data-test=goal-forecast]': '全年预计',
      '[data-test=corrective]': '纠偏总措施',
      '[data-test=rectify-advice]': '整改建议',
      '[data-test=rectify-result]': '整改结果',
    });
    await m.row(FIRST).locator('[data-test=note]').fill(P('监控备注'));
    await m.submit();
    await page.locator('[data-test=problems]').waitFor();
    const named = await m.problemNames();
    expect(named).toContain(P('新指标')); // no entries for it: red, and named in the list as typed
    for (const name of named) await m.explain(name, { reason: P('偏差原因'), measures: P('纠偏措施') });
    await expect.poll(() => page.locator('[data-test=problems]').textContent()).toContain('全部指标已填写完整');
    await expect.poll(() => m.saveState()).toContain('已自动保存');
    await m.submit();
    await m.confirmSubmit(P('报送人'));
    await expect.poll(() => m.stamp()).toContain(P('报送人'));
    const monitoringTags = ['执行情况', '全年预计', '纠偏总措施', '整改建议', '整改结果', '监控备注', '偏差原因', '纠偏措施', '报送人', '总体目标', '新指标', '二级指标'];
    await expectLiteral(page, w, 'monitoring (submitted)', monitoringTags);
    await m.openOverview();
    await expectLiteral(page, w, 'monitoring overview (round submitted)', ['新计划']);

    // ── Evaluation: a draft with every text filled ──
    const ev = new EvaluationPage(page, baseUrl);
    await ev.open();
    await ev.start();
    await fillAll(page, { '[data-test=goal-actual]': '实际完成情况', '[data-test=budget-note]': '预算执行说明' });
    await ev.typeActual(FIRST, '720');
    await ev.note(FIRST, P('核实说明'));
    await ev.explain(FIRST, P('偏差分析'));
    await ev.row(FIRST).locator('[data-test=adjust]').click();
    await ev.row(FIRST).locator('[data-test=adjust-points]').fill('3');
    await ev.row(FIRST).locator('[data-test=adjust-reason]').fill(P('调分理由'));
    await expect.poll(() => page.locator('[data-test=save-state]').textContent()).toContain('已自动保存');
    await ev.tab('form');
    await page.locator('[data-test=form-sheet]').waitFor();
    // The unit layout has no 偏差原因 column and no 二级; the project layout has both.
    await expectLiteral(page, w, 'evaluation form (unit)', ['实际完成情况', '新指标', '总体目标']);
    await ev.layout('project');
    await expectLiteral(page, w, 'evaluation form (project)', ['偏差分析', '实际完成情况', '新指标', '二级指标', '总体目标']);
    await ev.top();
    await screenshot(page, 'xss-evaluation-form');

    // ── Report: every section of the 自评报告, then every document previewed ──
    const report = new ReportPage(page, baseUrl);
    await report.open();
    await report.preview(report.docStarting('report-'));
    const sections = await page.locator('[data-test=report-sections] textarea').evaluateAll((els) => els.map((e) => e.getAttribute('data-test') ?? ''));
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) await page.locator(`[data-test=${s}]`).fill(P(`报告${s}`));
    await expect.poll(() => report.saveState()).toContain('已自动保存');
    const reportTags = sections.map((s) => `报告${s}`);
    await expectLiteral(page, w, 'report', [...reportTags, '单位名称', '主管部门', '总体目标', '实际完成情况', '偏差分析']);
    await report.toTop();
    await screenshot(page, 'xss-report');

    // ── Evaluation finalised: the same texts as read-only text, with the finaliser's name ──
    await ev.open();
    await ev.applyDefaultWeights();
    await expect.poll(() => ev.weightTotal()).toContain('符合要求');
    for (const name of await ev.applicableRows()) {
      const row = ev.row(name);
      if (name === P('新指标')) {
        await row.locator('[data-test=band-select]').selectOption('achieved');
        await ev.note(name, P('核实说明'));
      } else if ((await row.getAttribute('data-status')) === 'missing') {
        await ev.typeActual(name, ACTUALS[name] ?? '100');
        await ev.note(name, P('核实说明'));
      }
    }
    for (const name of await ev.applicableRows()) if (await ev.needsExplanation(name)) await ev.explain(name, P('偏差分析'));
    await expect.poll(() => page.locator('[data-test=save-state]').textContent()).toContain('已自动保存');
    if (!(await ev.pressFinalise())) throw new Error(`finalise refused: ${(await ev.problems().allTextContents()).join(' | ')}`);
    await ev.confirmFinalise(P('评价人'));
    const finalTags = ['核实说明', '偏差分析', '实际完成情况', '预算执行说明', '调分理由', '评价人', '新指标', '二级指标', '总体目标'];
    await expectLiteral(page, w, 'evaluation (final)', finalTags);
    await ev.top();
    await screenshot(page, 'xss-evaluation-final');

    // ── After a reload, each view again shows the texts as typed ──
    const views: [string, () => Promise<void>, string[], string[]?][] = [
      ['dashboard', () => dash.open(), ['单位名称', '新指标']],
      ['indicators', () => tree.open(), indicatorTags, [QUAL_TARGET]],
      ['activity', () => log.open(), activityTags],
      ['monitoring', async () => { await m.open(); await m.sheet().waitFor(); }, monitoringTags],
      ['evaluation', async () => { await ev.open(); await page.locator('[data-test=eval-toolbar][data-status=final]').waitFor(); }, finalTags],
    ];
    await page.reload();
    // Let the reloaded view settle first: a hash change while the router's first navigation is pending is lost.
    await page.locator('[data-test=eval-toolbar][data-status=final]').waitFor();
    for (const [name, open, tags, extra] of views) {
      await open().catch(async (e: unknown) => {
        await screenshot(page, `xss-failed-${name}`);
        throw e;
      });
      await expectLiteral(page, w, `${name} after reload`, tags, extra);
    }
    await page.goto(`${baseUrl}#/data`);
    await expect.poll(() => page.locator('[data-test=unit-supervisor]').inputValue()).toBe(P('主管部门'));
    await expectInert(page, w, 'data after reload');
    await ev.open();
    await ev.tab('form');
    await page.locator('[data-test=form-sheet]').waitFor();
    await expectLiteral(page, w, 'evaluation form after reload', ['实际完成情况', '新指标', '总体目标', '评价人']);

    await report.open();
    const ids = await report.ids();
    for (const id of ids) {
      await report.preview(report.doc(id));
      const tags = ['单位名称'];
      if (id === 'target') tags.push('总体目标', '预算项目', '项目内容', '新指标', '二级指标', '目标调整原因', '预算调整原因', '主管部门');
      if (id.startsWith('round-')) tags.push('执行情况', '全年预计', '偏差原因', '纠偏措施', '报送人');
      if (id.startsWith('eval-')) tags.push('核实说明', '实际完成情况', '新指标', '评价人');
      if (id.startsWith('eval-') && id.endsWith('-project')) tags.push('偏差分析');
      if (id.startsWith('report-')) tags.push(...reportTags);
      await expectLiteral(page, w, `document ${id} after reload`, tags);
      await report.back();
    }
  }, 180_000);
});
