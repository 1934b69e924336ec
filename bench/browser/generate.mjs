// Deterministic synthetic district for the browser benchmark (issue #10): N units × 5 plans (one 整体支出, four 项目支出)
// × 10 三级 indicators, a year of activity entries spread over them, monthly spending, and per plan one submitted
// monitoring round (cut-off 30 June) and one finalised self-evaluation. Written as a backup file of the app's format 2
// (src/db/transfer/schema.ts; older formats stay importable), so it loads through the app's own restore.
// The rounds' and evaluations' frozen forms are built by the app's own domain code (buildRoundForm,
// buildEvaluationForm, loaded through Vite: app-modules.mjs), exactly as submitting and finalising in the app would.
// The same options always give the same bytes (a seeded generator, fixed timestamps): runs compare like with like.
//
// Usage: node bench/browser/generate.mjs [--units=200] [--entries=1000000] [--out=file]
import { createHash } from 'node:crypto';
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAppModules } from './app-modules.mjs';

export const YEAR = 2026;
const HERE = dirname(fileURLToPath(import.meta.url));
export const CACHE = join(HERE, '.cache');

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** UUID-shaped ids (as the app's crypto.randomUUID makes), so the file has a real district's size. */
function idMaker(rand) {
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const STAMP = `${YEAR}-01-05T08:00:00.000Z`;
/** When the mid-year round was started and submitted, and the self-evaluation (before the file's exportedAt, 27 Nov). */
const ROUND_CREATED = `${YEAR}-07-03T08:00:00.000Z`;
const ROUND_SUBMITTED = `${YEAR}-07-10T09:30:00.000Z`;
const EVAL_CREATED = `${YEAR}-11-20T08:00:00.000Z`;
const EVAL_FINALISED = `${YEAR}-11-25T16:00:00.000Z`;
const EXPORTED = `${YEAR}-11-27T10:00:00.000Z`;
const PEOPLE = ['张敏', '李会计', '王芳', '赵磊', '陈静', '刘洋', '杨帆', '黄丽'];
const DAYS = (() => {
  const out = [];
  for (let d = new Date(Date.UTC(YEAR, 0, 1)); d.getUTCFullYear() === YEAR; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
})();

/** The ten 三级 rows of every plan: [二级 index, name, target text, target spec, kind of entry, weightCp]. */
const LEAVES = [
  [0, '开展职工服务活动（人次）', '不少于800人次', { op: 'GE', value: 800, unit: '人次', phrase: '不少于' }, 'count', 625],
  [0, '举办培训讲座（场）', '不少于12场', { op: 'GE', value: 12, unit: '场', phrase: '不少于' }, 'count', 625],
  [0, '走访慰问困难职工（人次）', '不少于300人次', { op: 'GE', value: 300, unit: '人次', phrase: '不少于' }, 'count', 625],
  [0, '发放宣传资料（份）', '不少于2000份', { op: 'GE', value: 2000, unit: '份', phrase: '不少于' }, 'count', 625],
  [0, '组织文体活动（场）', '不少于20场', { op: 'GE', value: 20, unit: '场', phrase: '不少于' }, 'count', 625],
  [0, '法律咨询服务（人次）', '不少于500人次', { op: 'GE', value: 500, unit: '人次', phrase: '不少于' }, 'count', 625],
  [1, '补助资金及时发放率', '≥95%', { op: 'GE', value: 95, unit: '%', phrase: '≥' }, 'ratio', 625],
  [2, '服务项目按期完成（项）', '不少于10项', { op: 'GE', value: 10, unit: '项', phrase: '不少于' }, 'count', 625],
  [3, '受益职工人数（人次）', '不少于5000人次', { op: 'GE', value: 5000, unit: '人次', phrase: '不少于' }, 'count', 3000],
  [4, '服务对象满意度', '≥90%', { op: 'GE', value: 90, unit: '%', phrase: '≥' }, 'ratio', 1000],
];
/** 一级 with its points, and its 二级 rows (indexes above). */
const FRAME = [
  ['产出指标', 5000, ['数量指标', '质量指标', '时效指标']],
  ['效益指标', 3000, ['社会效益指标']],
  ['满意度指标', 1000, ['服务对象满意度指标']],
];

/**
 * The district's data in file order. `entries` are spread evenly over the 三级 indicators (the remainder to the
 * first ones) and over the days of the year; each plan then gets its submitted round and its final evaluation.
 */
export async function generateData({ units = 200, plansPerUnit = 5, entries = 1_000_000, seed = 20261127 } = {}) {
  const rand = rng(seed);
  const newId = idMaker(rand);
  const stamped = () => ({ id: newId(), createdAt: STAMP, updatedAt: STAMP, rev: 1 });
  const data = { units: [], plans: [], budgetLines: [], indicators: [], entries: [], spending: [], audit: [], rounds: [], evaluations: [] };
  const leaves = [];
  /** Per plan, what its forms are computed from (plan-sources.ts, loadPlanSources); rollups filled in below. */
  const sources = [];
  for (let u = 0; u < units; u++) {
    const unit = { ...stamped(), name: `区属单位${pad(u + 1, 3)}`, supervisor: '区财政局', duties: '按照职能开展公共服务。' };
    data.units.push(unit);
    for (let p = 0; p < plansPerUnit; p++) {
      const kind = p === 0 ? 'unit' : 'project';
      const plan = {
        ...stamped(), unitId: unit.id, year: YEAR, kind,
        name: kind === 'unit' ? `${unit.name}${YEAR}年度部门整体支出` : `${unit.name}服务项目${p}`,
        goal: '围绕年度重点工作，提升服务质量和覆盖面。', key: p === 1, ruleSetId: 'cn-2020-10', budgetWeightCp: 1000,
      };
      data.plans.push(plan);
      const src = { plan, unit, lines: [], nodes: [], rollups: [], spending: [] };
      sources.push(src);
      const lines = [0, 1].map((i) => ({
        ...stamped(), planId: plan.id, name: i === 0 ? '项目资金' : '运转经费', content: '', fiscalFen: 50_000_000 + Math.floor(rand() * 50_000_000),
        carryoverFen: i === 0 ? 2_000_000 : 0, otherFen: 0, adjustments: [], order: i + 1,
      }));
      data.budgetLines.push(...lines);
      src.lines.push(...lines);
      const level2 = [];
      FRAME.forEach(([name1, points, names2], i1) => {
        const n1 = { ...stamped(), planId: plan.id, parentId: null, level: 1, name: name1, order: i1 + 1, weightCp: points };
        data.indicators.push(n1);
        src.nodes.push(n1);
        names2.forEach((name2, i2) => {
          const n2 = { ...stamped(), planId: plan.id, parentId: n1.id, level: 2, name: name2, order: i2 + 1, weightCp: null };
          data.indicators.push(n2);
          src.nodes.push(n2);
          level2.push(n2);
        });
      });
      LEAVES.forEach(([i2, name, targetText, target, kindOf, weightCp], i) => {
        const n3 = { ...stamped(), planId: plan.id, parentId: level2[i2].id, level: 3, name, order: i + 1, targetText, target, weightCp };
        data.indicators.push(n3);
        src.nodes.push(n3);
        leaves.push({ node: n3, kindOf, src });
      });
      // Monthly spending on the first line, up to November.
      for (let m = 1; m <= 11; m++) {
        const date = `${YEAR}-${pad(m)}-${pad(10 + Math.floor(rand() * 15))}`;
        const row = { ...stamped(), planId: plan.id, budgetLineId: lines[0].id, source: 'fiscal', date, amountFen: 1_000_000 + Math.floor(rand() * 3_000_000), note: '', recordedBy: '李会计' };
        data.spending.push(row);
        src.spending.push(row);
      }
    }
  }
  const per = Math.floor(entries / leaves.length);
  const extra = entries - per * leaves.length;
  const spans = [];
  leaves.forEach(({ node, kindOf }, li) => {
    const n = per + (li < extra ? 1 : 0);
    spans.push([data.entries.length, data.entries.length + n]);
    for (let k = 0; k < n; k++) {
      const date = DAYS[Math.floor(((k + rand()) / n) * DAYS.length)];
      const at = `${date}T09:00:00.000Z`;
      const base = { id: newId(), createdAt: at, updatedAt: at, rev: 1, planId: node.planId, indicatorId: node.id, date };
      const recordedBy = PEOPLE[Math.floor(rand() * PEOPLE.length)];
      if (kindOf === 'count') data.entries.push({ ...base, amount: 1 + Math.floor(rand() * 20), note: '', recordedBy });
      else {
        const denominator = 10 + Math.floor(rand() * 40);
        data.entries.push({ ...base, numerator: denominator - Math.floor(rand() * 4), denominator, note: '', recordedBy });
      }
    }
  });
  const names = Object.keys(DOMAIN);
  await withAppModules(Object.values(DOMAIN), (...modules) => addRoundsAndEvaluations(data, sources, leaves, spans, newId, Object.fromEntries(names.map((n, i) => [n, modules[i]]))));
  return data;
}

/** The app's modules the rounds and evaluations are built with. */
const DOMAIN = {
  aggregate: '/src/domain/actuals/aggregate.ts',
  round: '/src/domain/monitoring/round.ts',
  roundTypes: '/src/domain/monitoring/round-types.ts',
  roundValidate: '/src/domain/monitoring/round-validate.ts',
  evaluation: '/src/domain/evaluation/build.ts',
  evaluationTypes: '/src/domain/evaluation/types.ts',
  ruleSets: '/src/domain/scoring/rule-sets.ts',
};

const TEXT = {
  goalProgress: '1—6月按年度计划开展职工服务、培训和走访慰问，多数产出指标进度正常，预算执行进度偏慢。',
  goalForecast: '预计全年能够完成年度绩效目标。',
  corrective: '加快预算执行进度，按月调度资金支付；对进度滞后的指标逐项落实责任人。',
  reasonText: '上半年活动场地和人员安排不足，部分服务延后开展。',
  measures: '下半年增加活动场次，集中开展延后的服务项目。',
  goalActual: '全年完成各项职工服务、培训、走访慰问和宣传任务，受益职工人数和服务对象满意度达到年度目标。',
  budgetNote: '部分项目资金按合同进度在次年初支付，年度执行率偏低。',
  over: '年初指标值依据上年完成情况设定，全年服务需求增长较快，实际完成明显超出；下年度将据实调整指标值。',
  below: '受场地和人员安排影响，部分服务未能全部完成；下年度将提前统筹场地和人员，按月跟踪进度。',
};

/**
 * Per plan, as the app writes them: a monitoring round at 30 June, started (createRound: green and blue rows
 * 确定能), its rows at risk explained, and submitted — its snapshot the form buildRoundForm gives, which must pass
 * roundProblems as submitRound requires; and a self-evaluation scored by the plan's rule set (ruleSetById, as
 * startEvaluation does) as of 31 December with that round as the last submitted one, every row below full marks or
 * over-achieved explained and the goal's outcome written, finalised — its snapshot the card buildEvaluationForm
 * gives, which must have no problems, as finaliseEvaluation requires. The rollups are the app's own (bucketize of
 * each indicator's entries in file order, as the restore builds them).
 */
function addRoundsAndEvaluations(data, sources, leaves, spans, newId, app) {
  const { bucketize } = app.aggregate;
  const { buildRoundForm, defaultCutoff } = app.round;
  const { emptyInputs, emptyRowInput } = app.roundTypes;
  const { roundProblems } = app.roundValidate;
  const { buildEvaluationForm, yearEnd } = app.evaluation;
  const { emptyEvaluationInputs, emptyEvalRowInput } = app.evaluationTypes;
  const { ruleSetById } = app.ruleSets;
  leaves.forEach(({ node, src }, li) => {
    const [from, to] = spans[li];
    if (to > from) src.rollups.push({ indicatorId: node.id, planId: node.planId, days: bucketize(data.entries.slice(from, to)), updatedAt: STAMP });
  });
  for (const src of sources) {
    const { plan } = src;
    const planSources = { plan, unit: src.unit, lines: src.lines, nodes: src.nodes, rollups: src.rollups, spending: src.spending };

    const cutoff = defaultCutoff(plan.year);
    const inputs = { ...emptyInputs(), goalProgress: TEXT.goalProgress, goalForecast: TEXT.goalForecast, corrective: TEXT.corrective };
    for (const r of buildRoundForm({ ...planSources, cutoff, inputs }).rows) {
      if (!r.applicable) continue;
      const ok = r.assessment.light === 'green' || r.assessment.light === 'blue';
      inputs.rows[r.node.id] = ok
        ? { ...emptyRowInput(), possibility: 'certain' }
        : { ...emptyRowInput(), possibility: 'possible', reasons: ['staffing'], reasonText: TEXT.reasonText, measures: TEXT.measures };
    }
    const roundForm = buildRoundForm({ ...planSources, cutoff, inputs });
    const missing = roundProblems(roundForm);
    if (missing.length) throw new Error(`round of ${plan.name} could not be submitted: ${JSON.stringify(missing)}`);
    data.rounds.push({
      id: newId(), createdAt: ROUND_CREATED, updatedAt: ROUND_SUBMITTED, rev: 2,
      planId: plan.id, year: plan.year, cutoff, seriesId: newId(), version: 1, status: 'submitted', inputs, createdBy: '张敏',
      snapshot: roundForm, submittedAt: ROUND_SUBMITTED, submittedBy: '张敏',
    });

    const ruleSet = ruleSetById(plan.ruleSetId);
    const evInputs = { ...emptyEvaluationInputs(), goalActual: TEXT.goalActual, budgetNote: TEXT.budgetNote };
    const card = () => buildEvaluationForm({ ...planSources, inputs: evInputs, ruleSet, asOf: yearEnd(plan.year), lastRound: roundForm, budgetWeightCp: plan.budgetWeightCp });
    let evForm = card();
    // An explanation never changes whether a row needs one, but should it ever: explain until nothing more is asked.
    for (let pass = 0; pass < 3 && evForm.rows.some((r) => r.needsExplanation && !evInputs.rows[r.node.id]); pass++) {
      for (const r of evForm.rows) {
        if (r.needsExplanation && !evInputs.rows[r.node.id]) evInputs.rows[r.node.id] = { ...emptyEvalRowInput(), explanation: r.score.over ? TEXT.over : TEXT.below };
      }
      evForm = card();
    }
    if (evForm.problems.length) throw new Error(`evaluation of ${plan.name} could not be finalised: ${JSON.stringify(evForm.problems)}`);
    data.evaluations.push({
      id: newId(), createdAt: EVAL_CREATED, updatedAt: EVAL_FINALISED, rev: 2,
      planId: plan.id, year: plan.year, seriesId: newId(), version: 1, status: 'final', ruleSetId: ruleSet.id, inputs: evInputs, createdBy: '王芳',
      snapshot: evForm, finalisedAt: EVAL_FINALISED, finalisedBy: '王芳',
    });
  }
}

/** The backup file's text: the header of format 2 with counts and the SHA-256 of the data as the app hashes it. */
export function backupText(data) {
  const dataText = JSON.stringify(data);
  const counts = Object.fromEntries(Object.entries(data).map(([t, rows]) => [t, rows.length]));
  const head = { format: 'jixiao-backup', formatVersion: 2, appVersion: '0.1.0', schemaVersion: 4, exportedAt: EXPORTED, counts, sha256: createHash('sha256').update(dataText).digest('hex') };
  return `${JSON.stringify(head).slice(0, -1)},"data":${dataText}}`;
}

/**
 * Writes (or reuses: same options, same bytes) the district file; returns its path. The cached name carries the
 * generator's revision (-r1: with rounds and evaluations), so a file of an older generator is never taken for it.
 */
export async function districtFile(opts = {}) {
  const { units = 200, entries = 1_000_000 } = opts;
  const file = opts.out ?? join(CACHE, `district-u${units}-e${entries}-r1.json`);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, backupText(await generateData({ units, entries })));
  }
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
  const started = Date.now();
  const file = await districtFile({ units: arg('units', 200), entries: arg('entries', 1_000_000), out });
  console.log(`${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
