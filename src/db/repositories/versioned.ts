import type { Table } from 'dexie';
import type { Id, IsoDateTime, Stamped } from '@/domain/model';
import { db } from '../database';
import { newId, nowIso } from '../clock';
import { ConflictError, InvalidInputError, LockedError, NotFoundError } from '../errors';
import { audit } from './audit';
import type { AuditRecord } from '../records';

/**
 * Records that are drafts until locked (a submitted monitoring round, a finalised evaluation) and immutable after:
 * a correction is a new version of the same series, and the locked version is only ever marked superseded when
 * that correction is locked in turn. Shared by rounds and evaluations so the rule lives in one place.
 */
export interface Versioned<I> extends Stamped {
  planId: Id;
  seriesId: Id;
  version: number;
  status: string;
  inputs: I;
  createdBy: string;
  supersededBy?: Id;
  supersededAt?: IsoDateTime;
  supersedes?: Id;
}

export function versionedRepo<I, R extends Versioned<I>>(opts: {
  table: () => Table<R, Id>;
  entity: AuditRecord['entity'];
  locked: string;
  /** The repository's last check of inputs before they are stored: a problem's path, or null. */
  checkInputs?: (inputs: I) => string | null;
}) {
  const { table, entity, locked } = opts;

  async function mustGet(id: Id): Promise<R> {
    const r = await table().get(id);
    if (!r) throw new NotFoundError(id);
    return r;
  }

  /** A draft about to change: refuses a locked record and a stale editor. */
  async function draftAt(id: Id, expectedRev: number): Promise<R> {
    const cur = await mustGet(id);
    if (cur.status !== 'draft') throw new LockedError(id);
    if (cur.rev !== expectedRev) throw new ConflictError(id);
    return cur;
  }

  /** Saves a draft's inputs (autosave). */
  async function saveInputs(id: Id, inputs: I, expectedRev: number): Promise<R> {
    const d = db();
    return d.transaction('rw', [table(), d.audit], async () => {
      const cur = await draftAt(id, expectedRev);
      const bad = opts.checkInputs?.(inputs);
      if (bad) throw new InvalidInputError(bad, 'invalid');
      const now = nowIso();
      const next = { ...cur, inputs: structuredClone(inputs), rev: cur.rev + 1, updatedAt: now };
      await table().put(next);
      await audit({ at: now, entity, entityId: id, planId: cur.planId, action: 'update', after: { rev: next.rev } });
      return next;
    });
  }

  /**
   * Locks a draft with the fields `lock` adds (status, frozen form, who and when); when it corrects an earlier
   * version, that version is marked superseded — only the marking changes, never its inputs or frozen form.
   * Call inside a transaction that includes the table and the audit.
   */
  async function lockDraft(cur: R, fields: Partial<R>, now: IsoDateTime): Promise<R> {
    const next = { ...cur, ...fields, status: locked, rev: cur.rev + 1, updatedAt: now } as R;
    await table().put(next);
    if (cur.supersedes) {
      const old = await table().get(cur.supersedes);
      // The version this corrects must still be the locked one: otherwise two versions of a series would both count.
      if (!old || old.status !== locked) throw new LockedError(cur.supersedes);
      await table().put({ ...old, status: 'superseded', supersededBy: cur.id, supersededAt: now, rev: old.rev + 1, updatedAt: now });
      await audit({ at: now, entity, entityId: old.id, planId: old.planId, action: 'supersede', after: { by: cur.id, version: cur.version } });
    }
    return next;
  }

  /** Opens a correction of a locked record: a new draft version with the same inputs; the old one stays as it is. */
  async function correct(id: Id, createdBy: string): Promise<R> {
    const d = db();
    return d.transaction('rw', [table(), d.audit], async () => {
      const cur = await mustGet(id);
      if (cur.status !== locked) throw new LockedError(id);
      const series = await table().where('seriesId').equals(cur.seriesId).toArray();
      const open = series.find((r) => r.status === 'draft');
      if (open) return open; // one correction at a time: reopen the one in progress
      const now = nowIso();
      const base = { ...cur } as Partial<R> & Record<string, unknown>;
      for (const k of ['snapshot', 'submittedAt', 'submittedBy', 'finalisedAt', 'finalisedBy', 'supersededBy', 'supersededAt']) delete base[k];
      const next = {
        ...base,
        id: newId(), createdAt: now, updatedAt: now, rev: 1,
        version: Math.max(...series.map((r) => r.version)) + 1, status: 'draft', inputs: structuredClone(cur.inputs), createdBy: createdBy.trim(), supersedes: cur.id,
      } as R;
      await table().add(next);
      await audit({ at: now, entity, entityId: next.id, planId: cur.planId, action: 'create', after: { corrects: cur.id, version: next.version } });
      return next;
    });
  }

  /** Deletes a draft (an abandoned one or a correction); locked versions are never deleted this way. */
  async function deleteDraft(id: Id): Promise<R> {
    const d = db();
    return d.transaction('rw', [table(), d.audit], async () => {
      const cur = await mustGet(id);
      if (cur.status !== 'draft') throw new LockedError(id);
      await table().delete(id);
      await audit({ at: nowIso(), entity, entityId: id, planId: cur.planId, action: 'delete', before: { version: cur.version } });
      return cur;
    });
  }

  /** Undo of deleteDraft. */
  async function restoreDraft(row: R): Promise<void> {
    const d = db();
    await d.transaction('rw', [d.plans, table(), d.audit], async () => {
      if (!(await d.plans.get(row.planId))) throw new NotFoundError(row.planId);
      // Undo of a deleted correction after another correction was opened (or the corrected version was corrected
      // since) would give the series two drafts, then two locked versions: refused, the newer work stands.
      const series = await table().where('seriesId').equals(row.seriesId).toArray();
      if (series.some((r) => r.status === 'draft' && r.id !== row.id)) throw new ConflictError(row.id);
      if (row.supersedes && series.find((r) => r.id === row.supersedes)?.status !== locked) throw new ConflictError(row.id);
      await table().put(row);
      await audit({ at: nowIso(), entity, entityId: row.id, planId: row.planId, action: 'restore' });
    });
  }

  return { mustGet, draftAt, saveInputs, lockDraft, correct, deleteDraft, restoreDraft };
}
