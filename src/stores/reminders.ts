import { defineStore, storeToRefs } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { anyDeadlineSoon, backupReminder, defaultDeadlines, type Deadline } from '@/domain/reminders';
import { liveQueryFailure, useLiveQuery } from '@/composables/useLiveQuery';
import { onPageShown } from '@/composables/onPageShown';
import { firstChangeAt, latestChangeAt } from '@/db/repositories/audit';
import { filedEvaluations, filedRounds } from '@/db/repositories/filed';
import { usePlansStore } from './plans';
import { useTransferStore } from './transfer';
import { todayIso } from './dashboard';

const SNOOZE_KEY = 'jixiao.reminderSnoozedUntil';
const DAY_MS = 86_400_000;
const CHANGES_EVERY_MS = 60_000;

/** The shell's backup reminder: stale backup, or a deadline near while changes are not backed up; snoozed for a day. */
export const useRemindersStore = defineStore('reminders', () => {
  const { plans, currentPlan } = storeToRefs(usePlansStore());
  const { lastBackupAt } = storeToRefs(useTransferStore());
  const year = computed(() => currentPlan.value?.year ?? null);
  /**
   * When the data began and last changed (the first and last audit rows). Read at start, every minute and when the
   * page is shown again, not live: a live read ran again after every save (each adds an audit row) and held the
   * next save's write behind it at district scale, while a backup reminder needs no second-by-second accuracy.
   */
  const changes = shallowRef<{ first?: string; last?: string }>({});
  async function readChanges() {
    try {
      const [first, last] = await Promise.all([firstChangeAt(), latestChangeAt()]);
      changes.value = { first, last };
    } catch (e) {
      liveQueryFailure.value = e;
    }
  }
  void readChanges();
  setInterval(() => void readChanges(), CHANGES_EVERY_MS);
  onPageShown(() => void readChanges());
  const lastChangeAt = computed(() => changes.value.last);
  const firstChange = computed(() => changes.value.first);
  // Which plans have filed matters only near a deadline; otherwise start-up does not read it at all.
  const yearDueSoon = computed(() => (year.value !== null && anyDeadlineSoon(year.value, todayIso()) ? year.value : null));
  const { data: filed } = useLiveQuery(yearDueSoon, async (y) => {
    if (y === null) return { rounds: new Set<string>(), evaluations: new Set<string>() };
    const [rounds, evaluations] = await Promise.all([filedRounds(y), filedEvaluations(y)]);
    return { rounds: new Set(rounds.map((r) => r.planId)), evaluations: new Set(evaluations.map((e) => e.planId)) };
  }, { rounds: new Set<string>(), evaluations: new Set<string>() });

  const deadlines = computed<Deadline[]>(() =>
    plans.value
      .filter((p) => p.year === year.value)
      .flatMap((p) => defaultDeadlines({ year: p.year, name: p.name, roundSubmitted: filed.value.rounds.has(p.id), evaluationFinal: filed.value.evaluations.has(p.id) })),
  );
  const snoozedUntil = ref(Number(localStorage.getItem(SNOOZE_KEY) ?? 0));
  const reminder = computed(() => {
    if (Date.now() < snoozedUntil.value) return null;
    return backupReminder({ today: todayIso(), lastBackupAt: lastBackupAt.value, firstChangeAt: firstChange.value, lastChangeAt: lastChangeAt.value, hasData: plans.value.length > 0, deadlines: deadlines.value });
  });

  /** Dismissing snoozes the reminder for a day (on this PC). */
  function snooze(now = Date.now()) {
    snoozedUntil.value = now + DAY_MS;
    localStorage.setItem(SNOOZE_KEY, String(snoozedUntil.value));
  }

  return { reminder, snooze };
});
