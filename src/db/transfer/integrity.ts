import type { BackupData, TableName } from './schema';
import { isIsoDate } from '@/domain/dates';

export interface BackupProblem {
  /** Where in the file: "data.indicators[12].planId" */
  where: string;
  code: 'tooLarge' | 'notJson' | 'notBackup' | 'newerFormat' | 'invalid' | 'checksum' | 'counts' | 'duplicateId' | 'orphan' | 'rule';
  detail?: string;
}

/**
 * References between rows: every plan has its unit, every indicator its plan and a parent one level up in the same
 * plan, every entry a 三级 indicator of its plan, every spending row its plan and budget line. A restore that let any
 * of these through would show rows that nothing can reach, or crash the views that follow them.
 */
export function checkIntegrity(data: BackupData): BackupProblem[] {
  const out: BackupProblem[] = [];
  const ids = {} as Record<TableName, Set<string>>;
  for (const t of Object.keys(data) as TableName[]) {
    ids[t] = new Set();
    if (t === 'versions') continue;
    data[t].forEach((row, i) => {
      if (ids[t].has(row.id)) out.push({ where: `data.${t}[${i}].id`, code: 'duplicateId', detail: row.id });
      ids[t].add(row.id);
    });
  }
  const orphan = (where: string, detail: string) => out.push({ where, code: 'orphan', detail });
  data.plans.forEach((p, i) => ids.units.has(p.unitId) || orphan(`data.plans[${i}].unitId`, p.unitId));
  data.budgetLines.forEach((b, i) => ids.plans.has(b.planId) || orphan(`data.budgetLines[${i}].planId`, b.planId));
  const indicators = new Map(data.indicators.map((n) => [n.id, n]));
  data.indicators.forEach((n, i) => {
    if (!ids.plans.has(n.planId)) return orphan(`data.indicators[${i}].planId`, n.planId);
    if (n.parentId === null) return n.level === 1 || orphan(`data.indicators[${i}].parentId`, 'null');
    const parent = indicators.get(n.parentId);
    if (!parent || parent.planId !== n.planId || parent.level !== n.level - 1) orphan(`data.indicators[${i}].parentId`, n.parentId);
  });
  const lines = new Map(data.budgetLines.map((b) => [b.id, b]));
  data.entries.forEach((e, i) => {
    const n = indicators.get(e.indicatorId);
    if (!n || n.level !== 3 || n.planId !== e.planId) orphan(`data.entries[${i}].indicatorId`, e.indicatorId);
  });
  const rounds = new Map(data.rounds.map((r) => [r.id, r]));
  data.rounds.forEach((r, i) => {
    if (!ids.plans.has(r.planId)) orphan(`data.rounds[${i}].planId`, r.planId);
    // A locked round without its frozen form could not be shown or filed.
    if (r.status !== 'draft' && !r.snapshot) out.push({ where: `data.rounds[${i}].snapshot`, code: 'rule', detail: r.status });
    if (r.supersedes && !ids.rounds.has(r.supersedes)) orphan(`data.rounds[${i}].supersedes`, r.supersedes);
    // A correction is a later version of the same round: same series, same plan.
    // And a later one: correctRound numbers it after every version of the series, so a chain that does not climb
    // (a round correcting itself, two correcting each other) was not written by the app and would never end.
    const old = r.supersedes ? rounds.get(r.supersedes) : undefined;
    if (old && (old.seriesId !== r.seriesId || old.planId !== r.planId || old.version >= r.version)) out.push({ where: `data.rounds[${i}].supersedes`, code: 'rule', detail: r.supersedes });
  });
  const evaluations = new Map(data.evaluations.map((e) => [e.id, e]));
  data.evaluations.forEach((e, i) => {
    if (!ids.plans.has(e.planId)) orphan(`data.evaluations[${i}].planId`, e.planId);
    if (e.status !== 'draft' && !e.snapshot) out.push({ where: `data.evaluations[${i}].snapshot`, code: 'rule', detail: e.status });
    if (e.supersedes && !ids.evaluations.has(e.supersedes)) orphan(`data.evaluations[${i}].supersedes`, e.supersedes);
    // Same series, same plan: finalising a correction marks the version it corrects superseded, so a file pointing
    // at another plan's evaluation would have another plan's finalised card superseded.
    // A later version too, as for rounds: no evaluation corrects itself or its own correction.
    const old = e.supersedes ? evaluations.get(e.supersedes) : undefined;
    if (old && (old.seriesId !== e.seriesId || old.planId !== e.planId || old.version >= e.version)) out.push({ where: `data.evaluations[${i}].supersedes`, code: 'rule', detail: e.supersedes });
  });
  data.spending.forEach((s, i) => {
    if (!ids.plans.has(s.planId)) orphan(`data.spending[${i}].planId`, s.planId);
    else if (s.budgetLineId && lines.get(s.budgetLineId)?.planId !== s.planId) orphan(`data.spending[${i}].budgetLineId`, s.budgetLineId);
  });
  out.push(...checkVersions(data, ids));
  out.push(...checkRules(data));
  return out.slice(0, 50);
}

/**
 * One version per record, describing a record that is there; a tombstone only for a record that is not. A version
 * without its record, or a record both present and deleted, would make a later merge take the wrong side.
 */
function checkVersions(data: BackupData, ids: Record<TableName, Set<string>>): BackupProblem[] {
  const out: BackupProblem[] = [];
  const keys = new Set<string>();
  data.versions.forEach((r, i) => {
    const key = `${r.table}:${r.id}`;
    if (keys.has(key)) out.push({ where: `data.versions[${i}].id`, code: 'duplicateId', detail: key });
    keys.add(key);
    const present = ids[r.table].has(r.id);
    if (r.deletedAt && present) out.push({ where: `data.versions[${i}].deletedAt`, code: 'rule', detail: key });
    if (!r.deletedAt && !present) out.push({ where: `data.versions[${i}].id`, code: 'orphan', detail: key });
  });
  return out;
}

const NEEDS_VALUE = new Set(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE']);

/**
 * The app's own rules that types alone do not catch, limited to those every row the app writes keeps whatever
 * happened since (an indicator's measure may change after entries were logged, so entries are not re-judged by it):
 * dates inside the plan year, a numerator never above its denominator, a recorder, targets complete for their operator.
 */
function checkRules(data: BackupData): BackupProblem[] {
  const out: BackupProblem[] = [];
  const rule = (where: string, detail: string) => out.push({ where, code: 'rule', detail });
  const yearOf = new Map(data.plans.map((p) => [p.id, p.year]));
  const inYear = (planId: string, date: string) => !yearOf.has(planId) || (isIsoDate(date) && date.startsWith(`${yearOf.get(planId)}-`));
  data.entries.forEach((e, i) => {
    if (!inYear(e.planId, e.date)) rule(`data.entries[${i}].date`, e.date);
    if (e.denominator !== undefined && e.denominator === 0) rule(`data.entries[${i}].denominator`, '0');
    if (e.numerator !== undefined && e.denominator !== undefined && e.numerator > e.denominator) rule(`data.entries[${i}].numerator`, `${e.numerator} > ${e.denominator}`);
    if (!e.recordedBy.trim()) rule(`data.entries[${i}].recordedBy`, '""');
  });
  // A round measures one plan year: its year is the plan's and its cut-off inside it (validateCutoff).
  data.rounds.forEach((r, i) => {
    if (yearOf.has(r.planId) && r.year !== yearOf.get(r.planId)) rule(`data.rounds[${i}].year`, String(r.year));
    if (!inYear(r.planId, r.cutoff)) rule(`data.rounds[${i}].cutoff`, r.cutoff);
  });
  // An evaluation scores one plan year (listed under it, its card as of 31 December of it).
  data.evaluations.forEach((e, i) => {
    if (yearOf.has(e.planId) && e.year !== yearOf.get(e.planId)) rule(`data.evaluations[${i}].year`, String(e.year));
  });
  data.spending.forEach((s, i) => {
    if (!inYear(s.planId, s.date)) rule(`data.spending[${i}].date`, s.date);
    if (s.amountFen <= 0) rule(`data.spending[${i}].amountFen`, String(s.amountFen));
  });
  data.indicators.forEach((n, i) => {
    const t = n.target;
    if (!t) return;
    if (NEEDS_VALUE.has(t.op) && t.value === undefined) rule(`data.indicators[${i}].target.value`, t.op);
    if (t.op === 'RANGE' && (t.max === undefined || (t.value !== undefined && t.value > t.max))) rule(`data.indicators[${i}].target.max`, 'RANGE');
    if (t.date !== undefined && !isIsoDate(t.date)) rule(`data.indicators[${i}].target.date`, t.date);
  });
  return out;
}
