import Dexie from 'dexie';
import { mergeRecord, type Choice } from '@/domain/merge/merge-record';
import type { MergeItem } from '@/domain/merge/plan';
import type { Dot } from '@/domain/merge/versions';
import type { JixiaoDb } from '@/db/database';
import { markRaw } from '@/db/versioning/middleware';
import { DEVICE_KEY, type DeviceClock, type SyncClashRow } from '@/db/versioning/rows';
import { readLocal, writeLocalResolution } from './local';

/** The clashes waiting for a choice, as MergeClash.vue shows them (this device = local, the server = remote). */
export async function listClashes(d: JixiaoDb): Promise<MergeItem[]> {
  const rows = await d.syncClashes.toArray();
  const info = await readLocal(d, rows.map((r) => r.key));
  return rows.map((r) => itemOf(r, info.get(r.key)?.state ?? r.local));
}

function itemOf(r: SyncClashRow, local: SyncClashRow['local']): MergeItem {
  return { table: r.table, id: r.id, state: r.remote, local, outcome: mergeRecord(local, r.remote) };
}

/**
 * The user's choice, written as a local change (it enters the outbox and reaches every device): both earlier values
 * are older than it, so the other devices take it without asking. Audited with the choice.
 */
export async function resolveClash(d: JixiaoDb, key: string, choice: Choice): Promise<boolean> {
  return d.transaction('rw', [d.syncClashes, d.syncRevs, d.versions, d.meta, d.outbox, d.audit, d.rollups, d.entries, d.units, d.plans, d.budgetLines, d.indicators, d.spending, d.rounds, d.evaluations], async () => {
    markRaw(Dexie.currentTransaction.idbtrans);
    const row = await d.syncClashes.get(key);
    if (!row) return false;
    const info = (await readLocal(d, [key])).get(key);
    if (!info) return false;
    const device = ((await d.meta.get(DEVICE_KEY))?.value as DeviceClock | undefined) ?? { id: crypto.randomUUID().slice(0, 8), clock: 0 };
    const dot: Dot = [device.id, device.clock + 1];
    const out = mergeRecord(info.state, row.remote, choice, dot);
    if (!out.result) return false;
    await d.meta.put({ key: DEVICE_KEY, value: { id: device.id, clock: dot[1] } });
    await writeLocalResolution(d, info, out.result, { resolved: choice, outcome: out.kind });
    await d.syncClashes.delete(key);
    return true;
  });
}
