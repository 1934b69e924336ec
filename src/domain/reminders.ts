import type { IsoDate, IsoDateTime } from './model';

/**
 * When to remind the user to back up (reliability.md: the browser may be cleared, and a local-first app holds the
 * only copy): no backup for 7 days, or a monitoring round or self-evaluation due within 14 days while the data has
 * changed since the last backup.
 */
export const BACKUP_STALE_DAYS = 7;
export const DUE_SOON_DAYS = 14;

export interface Deadline {
  kind: 'monitoring' | 'evaluation';
  planName: string;
  due: IsoDate;
}

export type Reminder = { reason: 'never' } | { reason: 'stale'; days: number } | { reason: 'due'; deadline: Deadline; days: number };

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / DAY_MS);

/**
 * The default deadlines of a plan year: the mid-year round is reported by 15 July (1–6月, 财预〔2019〕136号 practice of
 * reporting soon after the period) and the self-evaluation by 31 March of the next year. Only for work not yet filed.
 */
export function defaultDeadlines(p: { year: number; name: string; roundSubmitted: boolean; evaluationFinal: boolean }): Deadline[] {
  const out: Deadline[] = [];
  if (!p.roundSubmitted) out.push({ kind: 'monitoring', planName: p.name, due: `${p.year}-07-15` });
  if (!p.evaluationFinal) out.push({ kind: 'evaluation', planName: p.name, due: `${p.year + 1}-03-31` });
  return out;
}

/**
 * Whether any default deadline of a plan year falls due within DUE_SOON_DAYS of `today` (before knowing which plans
 * have filed): only then does the reminder need each plan's filed status, which is otherwise not read at all.
 */
export function anyDeadlineSoon(year: number, today: IsoDate): boolean {
  const t = dayNumber(today);
  return defaultDeadlines({ year, name: '', roundSubmitted: false, evaluationFinal: false }).some((d) => {
    const days = dayNumber(d.due) - t;
    return days >= 0 && days <= DUE_SOON_DAYS;
  });
}

/**
 * backupReminder({ today: '2022-07-05', lastBackupAt: '2022-06-20T…', lastChangeAt: '2022-07-04T…', hasData: true,
 * deadlines: [{ due: '2022-07-15', … }] }) → { reason: 'due', days: 10, … }. Null when nothing is worth saying.
 */
export function backupReminder(s: { today: IsoDate; lastBackupAt?: IsoDateTime; firstChangeAt?: IsoDateTime; lastChangeAt?: IsoDateTime; hasData: boolean; deadlines: readonly Deadline[] }): Reminder | null {
  if (!s.hasData) return null;
  const today = dayNumber(s.today);
  const changedSince = s.lastChangeAt !== undefined && (s.lastBackupAt === undefined || s.lastChangeAt > s.lastBackupAt);
  if (changedSince) {
    const soon = s.deadlines
      .map((d) => ({ deadline: d, days: dayNumber(d.due) - today }))
      .filter((d) => d.days >= 0 && d.days <= DUE_SOON_DAYS)
      .sort((a, b) => a.days - b.days)[0];
    if (soon) return { reason: 'due', ...soon };
  }
  // Never backed up: counted from when the data began, so a first run is not greeted by a warning.
  if (s.lastBackupAt === undefined) return s.firstChangeAt === undefined || today - dayNumber(s.firstChangeAt) >= BACKUP_STALE_DAYS ? { reason: 'never' } : null;
  const days = today - dayNumber(s.lastBackupAt);
  return days >= BACKUP_STALE_DAYS ? { reason: 'stale', days } : null;
}
