import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../fixtures/db';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import { loadSampleActivity } from '@/db/repositories/sample-activity';
import { exportBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/db/transfer/backup';
import type { JixiaoDb } from '@/db/database';

let d: JixiaoDb;
let planId: string;

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  planId = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!.id;
  await loadSampleActivity(planId, '2026-11-25');
});

const withoutTime = (b: Backup) => ({ ...b, exportedAt: '' });
/** A backup edited by hand and re-sealed, as a careless (or hostile) editor might. */
async function tampered(edit: (b: Backup) => void, reseal = true): Promise<string> {
  const b = structuredClone(await exportBackup());
  edit(b);
  if (reseal) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(b.data)));
    b.sha256 = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
    for (const t of Object.keys(b.counts) as (keyof Backup['counts'])[]) b.counts[t] = b.data[t].length;
  }
  return serializeBackup(b);
}
const dump = async () => Promise.all([d.plans.toArray(), d.indicators.toArray(), d.entries.toArray(), d.rollups.toArray(), d.spending.toArray()]);

describe('backup round trip', () => {
  it('export → restore → export is identical but for the export time, and rollups are rebuilt', async () => {
    const first = await exportBackup();
    const rollupsBefore = await d.rollups.toArray();
    const parsed = await parseBackup(serializeBackup(first));
    expect(parsed.ok).toBe(true);
    await d.entries.clear(); // the current data is replaced, whatever it is
    await restoreBackup((parsed as { backup: Backup }).backup);
    const second = await exportBackup();
    // The restore itself adds one audit row; everything else is the same.
    expect(second.data.audit.length).toBe(first.data.audit.length + 1);
    expect(withoutTime({ ...second, data: { ...second.data, audit: first.data.audit }, counts: { ...second.counts, audit: first.counts.audit }, sha256: '' })).toEqual(withoutTime({ ...first, sha256: '' }));
    const sortById = <T extends { indicatorId: string }>(r: T[]) => [...r].sort((a, b) => a.indicatorId.localeCompare(b.indicatorId));
    expect(sortById(await d.rollups.toArray()).map((r) => r.days)).toEqual(sortById(rollupsBefore).map((r) => r.days));
  });

  it('restores into an empty browser', async () => {
    const text = serializeBackup(await exportBackup());
    d = await freshDb();
    const parsed = await parseBackup(text);
    await restoreBackup((parsed as { backup: Backup }).backup);
    expect(await d.plans.count()).toBe(5);
    expect(await d.entries.count()).toBeGreaterThan(50);
  });
});

describe('bad backups are refused with where and why, and nothing is written', () => {
  it.each<[string, () => Promise<string>, string, string]>([
    ['not JSON', async () => '{"format": "jixiao-backup",', 'notJson', ''],
    ['another file', async () => JSON.stringify({ hello: 1 }), 'notBackup', 'format'],
    ['a newer format', async () => tampered((b) => void ((b as { formatVersion: number }).formatVersion = 99), false), 'newerFormat', 'formatVersion'],
    ['a changed value without a new checksum', async () => tampered((b) => void (b.data.plans[0]!.name = '改过'), false), 'checksum', 'sha256'],
    ['wrong row counts', async () => tampered((b) => void (b.counts.plans = 99), false), 'counts', 'counts.plans'],
    ['an indicator of a plan that is not there', async () => tampered((b) => void (b.data.indicators[3]!.planId = 'nowhere')), 'orphan', 'data.indicators[3].planId'],
    ['an entry of a missing indicator', async () => tampered((b) => void (b.data.entries[0]!.indicatorId = 'gone')), 'orphan', 'data.entries[0].indicatorId'],
    ['a duplicate id', async () => tampered((b) => void (b.data.plans[1]!.id = b.data.plans[0]!.id)), 'duplicateId', 'data.plans[1].id'],
    ['a fraction of a fen', async () => tampered((b) => void (b.data.budgetLines[0]!.fiscalFen = 1.5)), 'invalid', 'data.budgetLines[0].fiscalFen'],
    ['a number written as text', async () => tampered((b) => void ((b.data.entries[0] as { date: unknown }).date = 20220301)), 'invalid', 'data.entries[0].date'],
    ['an unknown field', async () => tampered((b) => void ((b.data.units[0] as Record<string, unknown>).extra = 1)), 'invalid', 'data.units[0].extra'],
  ])('%s', async (_, make, code, where) => {
    const before = await dump();
    const outcome = await parseBackup(await make());
    expect(outcome.ok).toBe(false);
    const problems = (outcome as { problems: { code: string; where: string }[] }).problems;
    expect(problems[0]).toMatchObject({ code, where });
    expect(await dump()).toEqual(before);
  });

  it('prototype-pollution keys are dropped while reading, never reach an object prototype', async () => {
    const text = (await tampered(() => undefined)).replace('"format":', '"__proto__":{"polluted":true},"constructor":{"x":1},"format":');
    const outcome = await parseBackup(text);
    expect(outcome.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a storage failure in the middle of a restore leaves the current data exactly as it was', async () => {
    const parsed = await parseBackup(serializeBackup(await exportBackup()));
    await addEntry((await listIndicators(planId)).find((n) => n.targetText === '不少于800人次')!.id, { date: '2022-02-02', amount: 9, recordedBy: 'x' });
    const before = await dump();
    let n = 0;
    const fail = () => {
      if (++n === 40) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    d.entries.hook('creating', fail);
    await expect(restoreBackup((parsed as { backup: Backup }).backup)).rejects.toBeTruthy();
    d.entries.hook('creating').unsubscribe(fail);
    expect(await dump()).toEqual(before);
  });
});

describe('rules beyond types', () => {
  it.each<[string, (b: Backup) => void, string]>([
    ['an entry dated in another year', (b) => void (b.data.entries[0]!.date = '2031-01-01'), 'data.entries[0].date'],
    ['more satisfied answers than answers', (b) => {
      const e = b.data.entries.find((x) => x.denominator !== undefined)!;
      e.numerator = e.denominator! + 1;
    }, 'numerator'],
    ['a ≥ target without its number', (b) => {
      const n = b.data.indicators.find((x) => x.target?.op === 'GE')!;
      delete n.target!.value;
    }, 'target.value'],
  ])('%s is refused', async (_, edit, where) => {
    const outcome = await parseBackup(await tampered(edit));
    expect(outcome.ok).toBe(false);
    const problem = (outcome as { problems: { code: string; where: string }[] }).problems[0]!;
    expect(problem.code).toBe('rule');
    expect(problem.where).toContain(where);
  });

  it('an export refuses to produce a file its own restore would refuse', async () => {
    const leaf = (await listIndicators(planId)).find((n) => n.level === 2)!;
    await d.indicators.update(leaf.id, { parentId: 'vanished' }); // as an out-of-order undo once could leave it
    await expect(exportBackup()).rejects.toMatchObject({ name: 'BackupUnrestorableError' });
  });

  it('a long note the user typed does not make the backup unrestorable', async () => {
    const leaf = (await listIndicators(planId)).find((n) => n.targetText === '不少于800人次')!;
    await addEntry(leaf.id, { date: '2022-04-01', amount: 1, recordedBy: 'x', note: '长'.repeat(5000) });
    const outcome = await parseBackup(serializeBackup(await exportBackup()));
    expect(outcome.ok).toBe(true);
  });
});
