import { describe, expect, it } from 'vitest';
import { anyDeadlineSoon, backupReminder, defaultDeadlines, type Deadline } from '@/domain/reminders';

const mid: Deadline = { kind: 'monitoring', planName: '整体', due: '2022-07-15' };
const base = { today: '2022-07-05', hasData: true, deadlines: [] as Deadline[] };

describe('backup reminder (reliability.md: the browser holds the only copy)', () => {
  it('never backed up: remind once the data is a week old; a first run is not greeted by a warning; an empty browser has nothing to lose', () => {
    expect(backupReminder({ ...base, firstChangeAt: '2022-06-28T08:00:00Z' })).toEqual({ reason: 'never' });
    expect(backupReminder({ ...base, firstChangeAt: '2022-06-29T08:00:00Z' })).toBeNull();
    expect(backupReminder({ ...base, hasData: false })).toBeNull();
  });
  it('a backup 7 days old or more is stale; 6 days is not', () => {
    expect(backupReminder({ ...base, lastBackupAt: '2022-06-28T09:00:00Z' })).toEqual({ reason: 'stale', days: 7 });
    expect(backupReminder({ ...base, lastBackupAt: '2022-06-29T23:59:00Z' })).toBeNull();
  });
  it('a round due within 14 days, with changes since the last backup, wins over staleness and names the deadline', () => {
    const r = backupReminder({ ...base, lastBackupAt: '2022-06-01T00:00:00Z', lastChangeAt: '2022-07-04T08:00:00Z', deadlines: [mid] });
    expect(r).toEqual({ reason: 'due', deadline: mid, days: 10 });
    // 15 days ahead is not yet "soon"; a deadline already past is no reason either.
    expect(backupReminder({ ...base, today: '2022-06-30', lastBackupAt: '2022-06-29T00:00:00Z', lastChangeAt: '2022-06-30T01:00:00Z', deadlines: [mid] })).toBeNull();
    expect(backupReminder({ ...base, today: '2022-07-16', lastBackupAt: '2022-07-15T00:00:00Z', lastChangeAt: '2022-07-16T01:00:00Z', deadlines: [mid] })).toBeNull();
  });
  it('a deadline soon but nothing changed since the last backup: no reminder', () => {
    expect(backupReminder({ ...base, lastBackupAt: '2022-07-04T09:00:00Z', lastChangeAt: '2022-07-04T08:00:00Z', deadlines: [mid] })).toBeNull();
  });
  it('deadlines only for work not yet filed: mid-year by 15 July, the evaluation by 31 March next year', () => {
    expect(defaultDeadlines({ year: 2022, name: 'p', roundSubmitted: false, evaluationFinal: false }).map((d) => d.due)).toEqual(['2022-07-15', '2023-03-31']);
    expect(defaultDeadlines({ year: 2022, name: 'p', roundSubmitted: true, evaluationFinal: true })).toEqual([]);
  });
});

describe('anyDeadlineSoon (whether the filed status must be read at all)', () => {
  it('is true only within 14 days before a default deadline of the year (15 July, 31 March next year)', () => {
    expect(anyDeadlineSoon(2022, '2022-07-01')).toBe(true);
    expect(anyDeadlineSoon(2022, '2022-07-15')).toBe(true);
    expect(anyDeadlineSoon(2022, '2022-06-30')).toBe(false);
    expect(anyDeadlineSoon(2022, '2022-07-16')).toBe(false);
    expect(anyDeadlineSoon(2022, '2023-03-20')).toBe(true);
    expect(anyDeadlineSoon(2022, '2022-11-27')).toBe(false);
  });
});
