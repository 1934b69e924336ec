import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpAll, faultyDb, type FaultInjector } from '../fixtures/faults';
import { baselineOf, buildBaselineData, caseSeed, deterministic, formatOneOf, makeCase, mulberry32, type Baseline, type FuzzCase } from '../fixtures/fuzz';
import { exportBackup, MAX_BACKUP_BYTES, parseBackup, restoreBackup, serializeBackup, type Backup, type ParseOutcome } from '@/db/transfer/backup';
import { TABLES } from '@/db/transfer/schema';
import { listPlans } from '@/db/repositories/plans';
import { loadPlanSources } from '@/db/repositories/plan-sources';
import { buildTree } from '@/domain/targets/tree';
import { buildRoundForm, defaultCutoff } from '@/domain/monitoring/round';
import { emptyInputs } from '@/domain/monitoring/round-types';
import { buildEvaluationForm, yearEnd } from '@/domain/evaluation/build';
import { ruleSetById } from '@/domain/scoring/rule-sets';
import { emptyEvaluationInputs } from '@/domain/evaluation/types';
import { isIsoDate } from '@/domain/dates';
import type { JixiaoDb } from '@/db/database';

/**
 * reliability.md: "10,000 fuzzed JSON imports → each either validated or rejected, database unchanged on reject".
 * Every case is a damaged copy of a valid backup (tests/fixtures/fuzz.ts). For each, parseBackup either
 *  - refuses it, saying where and why, without a single write to the database (the injector counts every write) and
 *    with every table as it was (a full dump compared), and without anything reaching Object.prototype; or
 *  - accepts it, and then the restore succeeds, the database holds exactly the file's rows, the app's own export of
 *    it passes parseBackup again, its dates are calendar dates, its correction chains end, and the monitoring form
 *    and the self-evaluation of every plan can be computed from it (a view would not crash on it).
 * `npm test` runs 300 cases; `npm run fuzz` runs 10,000 (FUZZ_CASES). FUZZ_SEED changes the run; FUZZ_CASE=n
 * replays one case and writes its file to /tmp/fuzz-case-n.json.
 */

const CASES = Number(process.env.FUZZ_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2022);
const ONLY = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const CODES = new Set(['tooLarge', 'notJson', 'notBackup', 'newerFormat', 'invalid', 'checksum', 'counts', 'duplicateId', 'orphan', 'rule']);
const DATE_KEYS = new Set(['date', 'from', 'approvedOn', 'cutoff', 'completedOn', 'lastDate', 'done', 'asOf']);

const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
const protoKeys = () => prototypes.map((p) => Object.getOwnPropertyNames(p).join(','));

/** Object.prototype and friends exactly as they were, and nothing new on a fresh object. */
function pollution(before: string[]): string | undefined {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || ([] as unknown as Record<string, unknown>).polluted !== undefined) return 'Object.prototype.polluted is set';
  if (probe.constructor !== Object) return 'Object.prototype.constructor changed';
  const now = protoKeys();
  const i = now.findIndex((k, j) => k !== before[j]);
  return i >= 0 ? `a prototype gained or lost a property (${i})` : undefined;
}

/** Every object of a parsed backup is a plain object or array, and none has a key that could reach a prototype. */
function plainProblem(value: unknown, path = 'backup'): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype) return `${path} has an unusual prototype`;
  for (const k of Object.keys(value)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') return `${path}.${k} was kept`;
    const p = plainProblem((value as Record<string, unknown>)[k], `${path}.${k}`);
    if (p) return p;
  }
  return undefined;
}

/** Dates a restored database holds must be real calendar dates; a correction chain must end. */
function semanticProblems(data: Backup['data']): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        // The schema's date fields (a rule set's `date` is its D1/D2 method, not a day).
        if (DATE_KEYS.has(k) && typeof x === 'string' && !isIsoDate(x) && !path.endsWith('.ruleSet')) out.push(`${path}.${k} = ${JSON.stringify(x)} is not a calendar date`);
        walk(x, `${path}.${k}`);
      }
    }
  };
  // Audit rows hold free-form before/after notes, not typed fields.
  for (const t of TABLES) if (t !== 'audit') walk(data[t], `data.${t}`);
  for (const t of ['rounds', 'evaluations'] as const) {
    const byId = new Map<string, { supersedes?: string }>(data[t].map((r) => [r.id, r]));
    for (const r of data[t]) {
      const seen = new Set<string>();
      for (let cur: { id?: string; supersedes?: string } | undefined = r; cur?.supersedes; cur = byId.get(cur.supersedes)) {
        if (seen.has(cur.supersedes)) {
          out.push(`data.${t}: the versions of ${r.id} supersede each other in a loop`);
          break;
        }
        seen.add(cur.supersedes);
      }
    }
  }
  return out;
}

/** What the views compute from a restored database: the tree, a monitoring form per round, a card per evaluation. */
async function computeEveryPlan(d: JixiaoDb): Promise<void> {
  for (const plan of await listPlans()) {
    const src = await loadPlanSources(plan.id);
    buildTree(src.nodes);
    buildRoundForm({ ...src, cutoff: defaultCutoff(plan.year), inputs: emptyInputs() });
    // The plan's what-if score, by the plan's own rule set, as the evaluation view shows before anything is typed.
    buildEvaluationForm({ ...src, inputs: emptyEvaluationInputs(), ruleSet: ruleSetById(plan.ruleSetId), asOf: yearEnd(plan.year), lastRound: null, budgetWeightCp: plan.budgetWeightCp });
    const rounds = await d.rounds.where('planId').equals(plan.id).toArray();
    for (const r of rounds) buildRoundForm({ ...src, cutoff: r.cutoff, inputs: r.inputs });
    const last = rounds.filter((r) => r.status === 'submitted').at(-1);
    for (const e of await d.evaluations.where('planId').equals(plan.id).toArray()) {
      buildEvaluationForm({ ...src, inputs: e.inputs, ruleSet: ruleSetById(e.ruleSetId), asOf: yearEnd(plan.year), lastRound: last?.snapshot ?? null, budgetWeightCp: plan.budgetWeightCp });
    }
  }
}

const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

interface Fuzz {
  d: JixiaoDb;
  faults: FaultInjector;
  bases: Baseline[];
  baseline: Backup;
  /** The database as it is between cases, as text (a full dump of every table); taken when first needed. */
  state?: string;
}

async function setUp(): Promise<Fuzz> {
  const { d, faults } = await faultyDb();
  const text = await deterministic(buildBaselineData);
  const v2 = baselineOf('format 2', text);
  const v1 = baselineOf('format 1', await formatOneOf(v2.doc));
  const parsed = await parseBackup(text);
  if (!parsed.ok) throw new Error(`the baseline does not parse: ${JSON.stringify(parsed.problems)}`);
  expect((await parseBackup(v1.text)).ok).toBe(true);
  await restoreBackup(parsed.backup);
  return { d, faults, bases: [v2, v1], baseline: parsed.backup, state: JSON.stringify(await dumpAll(d)) };
}

async function stateOf(f: Fuzz): Promise<string> {
  f.state ??= JSON.stringify(await dumpAll(f.d));
  return f.state;
}

/** One case: how parseBackup answered (accepted, or the first problem's code) and, if it misbehaved, how. */
async function runCase(f: Fuzz, c: FuzzCase, fullDump: boolean): Promise<{ outcome: 'accepted' | string; failure?: string }> {
  const protoBefore = protoKeys();
  if (fullDump) await stateOf(f); // before the parse, so the comparison means something
  f.faults.arm(0);
  let outcome: ParseOutcome;
  try {
    outcome = await parseBackup(c.text);
  } catch (e) {
    return { outcome: 'crash', failure: `parseBackup threw instead of refusing: ${String(e)}` };
  }
  if (c.expect === 'accepted' && !outcome.ok) return { outcome: outcome.problems[0]?.code ?? 'refused', failure: `a harmless file was refused: ${JSON.stringify(outcome.problems.slice(0, 3))}` };
  if (c.expect === 'refused' && outcome.ok) return { outcome: 'accepted', failure: 'accepted although its counts or checksum are wrong' };
  if (c.expect === 'notJson' && (outcome.ok || outcome.problems[0]?.code !== 'notJson')) return { outcome: outcome.ok ? 'accepted' : outcome.problems[0]!.code, failure: 'a file that is not JSON was not refused as such' };
  const polluted = pollution(protoBefore);
  if (polluted) return { outcome: 'polluted', failure: polluted };
  if (f.faults.calls) return { outcome: 'wrote', failure: `parseBackup wrote to the database (${f.faults.log.join(', ')})` };

  if (!outcome.ok) {
    const { problems } = outcome;
    if (!Array.isArray(problems) || !problems.length) return { outcome: 'refused', failure: 'refused without saying why' };
    const odd = problems.find((p) => typeof p.where !== 'string' || !CODES.has(p.code));
    if (odd) return { outcome: 'refused', failure: `a problem of unknown shape: ${JSON.stringify(odd)}` };
    if (fullDump && JSON.stringify(await dumpAll(f.d)) !== (await stateOf(f))) return { outcome: problems[0]!.code, failure: 'the database changed although the file was refused' };
    return { outcome: problems[0]!.code };
  }

  // Accepted: it must restore, hold exactly the file's rows, and be a valid database.
  const plain = plainProblem(outcome.backup);
  if (plain) return { outcome: 'accepted', failure: plain };
  const { data } = outcome.backup;
  try {
    await restoreBackup(outcome.backup);
  } catch (e) {
    // (All or nothing: the database is still the baseline.)
    return { outcome: 'accepted', failure: `an accepted file failed to restore: ${String(e)}` };
  }
  try {
    const again = await exportBackup();
    for (const t of TABLES) {
      const got = t === 'audit' ? again.data.audit.filter((a) => !(a.entity === 'backup' && a.action === 'import' && a.entityId === outcome.backup.sha256 && !data.audit.some((x) => x.id === a.id))) : again.data[t];
      expect(byId(got as { id: string }[])).toEqual(byId(data[t] as { id: string }[]));
    }
    const reparsed = await parseBackup(serializeBackup(again));
    if (!reparsed.ok) return { outcome: 'accepted', failure: `the export of the restored data is refused: ${JSON.stringify(reparsed.problems.slice(0, 3))}` };
    const semantic = semanticProblems(again.data);
    if (semantic.length) return { outcome: 'accepted', failure: `accepted, restored, and invalid: ${semantic.slice(0, 3).join('; ')}` };
    await computeEveryPlan(f.d);
  } catch (e) {
    return { outcome: 'accepted', failure: `after restoring an accepted file: ${String(e).slice(0, 500)}` };
  } finally {
    // Back to the baseline for the next case.
    await restoreBackup(f.baseline);
    f.state = undefined;
  }
  const after = pollution(protoBefore);
  return after ? { outcome: 'accepted', failure: after } : { outcome: 'accepted' };
}

describe('fuzzed backup files: each is refused with nothing written, or accepted and valid', () => {
  it(`${ONLY === undefined ? CASES : 1} cases (seed ${SEED})`, async () => {
    const f = await setUp();
    const started = performance.now();
    const failures: string[] = [];
    const tally = new Map<string, Map<string, number>>();
    const timing = new Map<string, [number, number]>();
    const expected = new Map<string, number>();
    const indices = ONLY === undefined ? Array.from({ length: CASES }, (_, i) => i) : [ONLY];
    for (const i of indices) {
      const rng = mulberry32(caseSeed(SEED, i));
      const base = rng.chance(0.15) ? f.bases[1]! : f.bases[0]!;
      const c = await makeCase(base, rng);
      if (ONLY !== undefined) writeFileSync(`/tmp/fuzz-case-${i}.json`, c.text);
      // A full dump after every refusal in the small run; in the long run every 25th (the write counter watches all).
      const t0 = performance.now();
      const { outcome, failure } = await runCase(f, c, CASES <= 1000 || i % 25 === 0);
      if (c.expect) expected.set(c.expect, (expected.get(c.expect) ?? 0) + 1);
      const kind = outcome === 'accepted' ? 'accepted' : 'refused';
      const [n, ms] = timing.get(kind) ?? [0, 0];
      timing.set(kind, [n + 1, ms + performance.now() - t0]);
      for (const l of c.labels) {
        const mutation = l.slice(0, l.indexOf(':'));
        const row = tally.get(mutation) ?? new Map<string, number>();
        row.set(outcome, (row.get(outcome) ?? 0) + 1);
        tally.set(mutation, row);
      }
      if (failure && failures.length < 30) failures.push(`case ${i} (${c.base}, ${c.resealed ? 'resealed' : 'not resealed'}; ${c.labels.join(' + ')}): ${failure}`);
    }
    // Still exactly as it was before the refusals since the last restore of the baseline.
    if (f.state !== undefined) expect(JSON.stringify(await dumpAll(f.d))).toBe(f.state);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, row]) => `${k.padEnd(15)} ${[...row].sort(([, a], [, b]) => b - a).map(([o, n]) => `${o} ${n}`).join(', ')}`);
    const split = [...timing].map(([k, [n, ms]]) => `${n} ${k} (${(ms / n).toFixed(1)} ms each)`).join(', ');
    console.info(`fuzz: ${indices.length} cases in ${seconds} s (seed ${SEED}): ${split}; file ${(f.bases[0]!.text.length / 1024).toFixed(0)} KB; known outcomes checked: ${[...expected].map(([k, n]) => `${k} ${n}`).join(', ')}\n${summary.join('\n')}`);
    expect(failures).toEqual([]);
  }, 60 * 60_000);

  it('a file over the size cap is refused before it is read', async () => {
    const outcome = await parseBackup(' '.repeat(MAX_BACKUP_BYTES + 1));
    expect(outcome).toEqual({ ok: false, problems: [{ where: '', code: 'tooLarge' }] });
  });
});
