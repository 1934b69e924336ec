import type { Id, IsoDate } from '@/domain/model';
import { buildRoundForm, validateCutoff } from '@/domain/monitoring/round';
import { roundInputsProblem, roundProblems, type RoundProblem } from '@/domain/monitoring/round-validate';
import { emptyInputs, emptyRowInput, type MonitoringRound, type RoundInputs } from '@/domain/monitoring/round-types';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { ConflictError, IncompleteError, InvalidInputError, LockedError, NotFoundError } from '../errors';
import { audit } from './audit';
import { loadPlanSources, sourceTables } from './plan-sources';

/**
 * Monitoring rounds (绩效运行监控). A draft holds the manager's inputs and is saved as they type; submitting freezes
 * the whole form (figures, lights, inputs) into the record, which is never written again except to be marked
 * superseded when a correction (a new version of the same series) is submitted.
 */

function tables() {
  const d = db();
  return [d.rounds, d.audit, ...sourceTables()];
}

/** Every round of a plan, all versions, by cut-off then version. */
export async function listRounds(planId: Id): Promise<MonitoringRound[]> {
  const rows = await db().rounds.where('planId').equals(planId).toArray();
  return rows.sort((a, b) => a.cutoff.localeCompare(b.cutoff) || a.seriesId.localeCompare(b.seriesId) || a.version - b.version);
}

/** Every round of a plan year (the manager's view). */
export function listRoundsOfYear(year: number): Promise<MonitoringRound[]> {
  return db().rounds.where('year').equals(year).toArray();
}

export function getRound(id: Id): Promise<MonitoringRound | undefined> {
  return db().rounds.get(id);
}

async function mustGet(id: Id): Promise<MonitoringRound> {
  const r = await db().rounds.get(id);
  if (!r) throw new NotFoundError(id);
  return r;
}

/**
 * Starts a draft round of a plan at a cut-off inside the plan year. Rows already green or blue start as 确定能,
 * so the manager only decides the rows at risk.
 */
export async function createRound(planId: Id, cutoff: IsoDate, createdBy: string): Promise<MonitoringRound> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const src = await loadPlanSources(planId);
    const bad = validateCutoff(cutoff, src.plan.year);
    if (bad) throw new InvalidInputError('cutoff', bad);
    const inputs = emptyInputs();
    const form = buildRoundForm({ ...src, cutoff, inputs });
    for (const r of form.rows) {
      if (!r.applicable) continue;
      const ok = r.assessment.light === 'green' || r.assessment.light === 'blue';
      inputs.rows[r.node.id] = { ...emptyRowInput(), possibility: ok ? 'certain' : null };
    }
    const now = nowIso();
    const round: MonitoringRound = {
      id: newId(), createdAt: now, updatedAt: now, rev: 1,
      planId, year: src.plan.year, cutoff, seriesId: newId(), version: 1, status: 'draft', inputs, createdBy: createdBy.trim(),
    };
    await d.rounds.add(round);
    await audit({ at: now, entity: 'round', entityId: round.id, planId, action: 'create', after: { cutoff, version: 1 } });
    return round;
  });
}

/** Saves a draft's inputs (autosave). Refused on a submitted round, and when another tab saved in between. */
export async function saveRoundInputs(id: Id, inputs: RoundInputs, expectedRev: number): Promise<MonitoringRound> {
  const d = db();
  return d.transaction('rw', [d.rounds, d.audit], async () => {
    const cur = await mustGet(id);
    if (cur.status !== 'draft') throw new LockedError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    const bad = roundInputsProblem(inputs);
    if (bad) throw new InvalidInputError(bad, 'invalid');
    const now = nowIso();
    const next: MonitoringRound = { ...cur, inputs: structuredClone(inputs), rev: cur.rev + 1, updatedAt: now };
    await d.rounds.put(next);
    await audit({ at: now, entity: 'round', entityId: id, planId: cur.planId, action: 'update', after: { rev: next.rev } });
    return next;
  });
}

/**
 * Submits a draft: recomputes the form from the data as it is now, refuses (naming every row and what it lacks)
 * unless it is complete, and stores the form frozen with who and when. A correction's submission marks the version
 * it corrects superseded in the same transaction.
 */
export async function submitRound(id: Id, submittedBy: string, expectedRev: number): Promise<MonitoringRound> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const cur = await mustGet(id);
    if (cur.status !== 'draft') throw new LockedError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    if (!submittedBy.trim()) throw new InvalidInputError('submittedBy', 'required');
    const src = await loadPlanSources(cur.planId);
    const snapshot = buildRoundForm({ ...src, cutoff: cur.cutoff, inputs: cur.inputs });
    const problems = roundProblems(snapshot);
    if (problems.length) throw new IncompleteError<RoundProblem>(problems);
    const now = nowIso();
    const next: MonitoringRound = { ...cur, status: 'submitted', snapshot, submittedAt: now, submittedBy: submittedBy.trim(), rev: cur.rev + 1, updatedAt: now };
    await d.rounds.put(next);
    if (cur.supersedes) {
      const old = await d.rounds.get(cur.supersedes);
      // Only the marking changes on the old version: its inputs and frozen form stay exactly as submitted.
      if (old && old.status === 'submitted') {
        await d.rounds.put({ ...old, status: 'superseded', supersededBy: id, supersededAt: now, rev: old.rev + 1, updatedAt: now });
        await audit({ at: now, entity: 'round', entityId: old.id, planId: old.planId, action: 'supersede', after: { by: id, version: cur.version } });
      }
    }
    await audit({ at: now, entity: 'round', entityId: id, planId: cur.planId, action: 'submit', after: { by: next.submittedBy, cutoff: cur.cutoff, version: cur.version, planLight: snapshot.planLight } });
    return next;
  });
}

/** Opens a correction of a submitted round: a new draft version with the same inputs; the old one stays as it is. */
export async function correctRound(id: Id, createdBy: string): Promise<MonitoringRound> {
  const d = db();
  return d.transaction('rw', [d.rounds, d.audit], async () => {
    const cur = await mustGet(id);
    if (cur.status !== 'submitted') throw new LockedError(id);
    const series = await d.rounds.where('seriesId').equals(cur.seriesId).toArray();
    const open = series.find((r) => r.status === 'draft');
    if (open) return open; // one correction at a time: reopen the one in progress
    const now = nowIso();
    const next: MonitoringRound = {
      id: newId(), createdAt: now, updatedAt: now, rev: 1,
      planId: cur.planId, year: cur.year, cutoff: cur.cutoff, seriesId: cur.seriesId,
      version: Math.max(...series.map((r) => r.version)) + 1, status: 'draft', inputs: structuredClone(cur.inputs), createdBy: createdBy.trim(), supersedes: cur.id,
    };
    await d.rounds.add(next);
    await audit({ at: now, entity: 'round', entityId: next.id, planId: cur.planId, action: 'create', after: { corrects: cur.id, version: next.version } });
    return next;
  });
}

/** Deletes a draft (an abandoned round or correction). Submitted versions are never deleted this way. */
export async function deleteDraftRound(id: Id): Promise<MonitoringRound> {
  const d = db();
  return d.transaction('rw', [d.rounds, d.audit], async () => {
    const cur = await mustGet(id);
    if (cur.status !== 'draft') throw new LockedError(id);
    await d.rounds.delete(id);
    await audit({ at: nowIso(), entity: 'round', entityId: id, planId: cur.planId, action: 'delete', before: { cutoff: cur.cutoff, version: cur.version } });
    return cur;
  });
}

/** Undo of deleteDraftRound. */
export async function restoreDraftRound(round: MonitoringRound): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.plans, d.rounds, d.audit], async () => {
    if (!(await d.plans.get(round.planId))) throw new NotFoundError(round.planId);
    await d.rounds.put(round);
    await audit({ at: nowIso(), entity: 'round', entityId: round.id, planId: round.planId, action: 'restore' });
  });
}

/** The latest submitted round of a plan (for "as of the last submitted round"). */
export async function lastSubmittedRound(planId: Id): Promise<MonitoringRound | undefined> {
  const rows = (await db().rounds.where('planId').equals(planId).toArray()).filter((r) => r.status === 'submitted');
  return rows.sort((a, b) => a.cutoff.localeCompare(b.cutoff) || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')).at(-1);
}
