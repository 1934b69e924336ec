import type { Table } from 'dexie';
import type { Id, IsoDate } from '@/domain/model';
import { buildRoundForm, validateCutoff } from '@/domain/monitoring/round';
import { roundInputsProblem, roundProblems, type RoundProblem } from '@/domain/monitoring/round-validate';
import { emptyInputs, emptyRowInput, latestSubmitted, type MonitoringRound, type RoundInputs } from '@/domain/monitoring/round-types';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { IncompleteError, InvalidInputError } from '../errors';
import { audit } from './audit';
import { loadPlanSources, sourceTables } from './plan-sources';
import { versionedRepo } from './versioned';

/**
 * Monitoring rounds (绩效运行监控). A draft holds the manager's inputs and is saved as they type; submitting freezes
 * the whole form (figures, lights, inputs) into the record, which is never written again except to be marked
 * superseded when a correction (a new version of the same series) is submitted. The draft → locked → superseded
 * lifecycle is the one shared with self-evaluations (versioned.ts).
 */
const v = versionedRepo<RoundInputs, MonitoringRound>({
  table: () => db().rounds as unknown as Table<MonitoringRound, Id>,
  entity: 'round',
  locked: 'submitted',
  checkInputs: roundInputsProblem,
});

export const saveRoundInputs = v.saveInputs;
export const correctRound = v.correct;
export const deleteDraftRound = v.deleteDraft;
export const restoreDraftRound = v.restoreDraft;

function tables() {
  const d = db();
  return [d.rounds, d.audit, ...sourceTables()];
}

/** Every round of a plan, all versions, by cut-off then version. */
export async function listRounds(planId: Id): Promise<MonitoringRound[]> {
  const rows = await db().rounds.where('planId').equals(planId).toArray();
  return rows.sort((a, b) => a.cutoff.localeCompare(b.cutoff) || a.seriesId.localeCompare(b.seriesId) || a.version - b.version);
}

/** Every round of some plans (the monitoring overview of one unit's year), one key read per plan. */
export async function listRoundsOfPlans(planIds: readonly Id[]): Promise<MonitoringRound[]> {
  const d = db();
  return d.transaction('r', d.rounds, async () => (await Promise.all(planIds.map(listRounds))).flat());
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

/**
 * Submits a draft: recomputes the form from the data as it is now, refuses (naming every row and what it lacks)
 * unless it is complete, and stores the form frozen with who and when. A correction's submission marks the version
 * it corrects superseded in the same transaction.
 */
export async function submitRound(id: Id, submittedBy: string, expectedRev: number): Promise<MonitoringRound> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const cur = await v.draftAt(id, expectedRev);
    if (!submittedBy.trim()) throw new InvalidInputError('submittedBy', 'required');
    const src = await loadPlanSources(cur.planId);
    const snapshot = buildRoundForm({ ...src, cutoff: cur.cutoff, inputs: cur.inputs });
    const problems = roundProblems(snapshot);
    if (problems.length) throw new IncompleteError<RoundProblem>(problems);
    const now = nowIso();
    const next = await v.lockDraft(cur, { snapshot, submittedAt: now, submittedBy: submittedBy.trim() }, now);
    await audit({ at: now, entity: 'round', entityId: id, planId: cur.planId, action: 'submit', after: { by: next.submittedBy, cutoff: cur.cutoff, version: cur.version, planLight: snapshot.planLight } });
    return next;
  });
}

/** The latest submitted round of a plan (for "as of the last submitted round"). */
export async function lastSubmittedRound(planId: Id): Promise<MonitoringRound | undefined> {
  return latestSubmitted(await db().rounds.where('planId').equals(planId).toArray());
}
