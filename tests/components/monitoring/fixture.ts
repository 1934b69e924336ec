import type { VueWrapper } from '@vue/test-utils';
import MonitoringView from '@/views/MonitoringView.vue';
import { useNotices } from '@/composables/useNotices';
import { useMonitoringStore } from '@/stores/monitoring';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import type { JixiaoDb } from '@/db/database';
import type { Plan } from '@/domain/model';
import { freshDb } from '../../fixtures/db';
import { mountWithApp, until } from '../../fixtures/mount';

/** The seed's 2022 整体 plan. */
export const SERVICES = '开展职工权益保障和职工服务等活动（人次）'; // 不少于800人次
export const LEAFLETS = '印制组织建设、权益保障、关爱服务等宣传资料数量（份）'; // 5000份
export const ALLOWANCE = '职业化干部及工会组织员补贴发放人数'; // 30人
export const SPORTS = '开展职工趣味运动会、登山等文体活动参与人次'; // 300人次

export interface Ctx {
  d: JixiaoDb;
  plan: Plan;
  w: VueWrapper;
}

/**
 * A fresh database with the seed, a known log at 30 June 2022 (so each row's light is fixed, not sampled):
 * 400 of ≥800人次 → green, 2500 of 5000份 → green, 10 of 30人 → yellow (66.7%), the other counts 0 → red, rates without
 * data → no light. The view is mounted on the 整体 plan with 张敏 remembered as the recorder.
 */
export async function mountMonitoring(): Promise<Ctx> {
  useNotices().notices.value = [];
  localStorage.clear();
  const d = await freshDb();
  await seedIfEmpty();
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  const nodes = await listIndicators(plan.id);
  const id = (name: string) => nodes.find((n) => n.name === name)!.id;
  const base = { date: '2022-05-10', recordedBy: '张敏', note: '' };
  await addEntry(id(SERVICES), { ...base, amount: 400 });
  await addEntry(id(LEAFLETS), { ...base, amount: 2500 });
  await addEntry(id(ALLOWANCE), { ...base, amount: 10 });
  localStorage.setItem('jixiao.planId', plan.id);
  localStorage.setItem('jixiao.recorder', '张敏');
  const w = mountWithApp(MonitoringView);
  await until(() => w.find('[data-test=rounds-empty]').exists());
  return { d, plan, w };
}

/** Starts the default round (30 June) through the form and waits for the monitoring form to be on screen. */
export async function startRound(w: VueWrapper) {
  await w.get('[data-test=new-round]').trigger('submit');
  await until(() => w.find('[data-test=round-sheet]').exists() && w.findAll('tbody.m-ind').length > 0);
}

export const row = (w: VueWrapper, name: string) => w.get(`tbody.m-ind[data-indicator="${name}"]`);

/** Waits until the autosave has written what was typed. */
export async function saved() {
  const store = useMonitoringStore();
  await until(() => store.saving === 'saved', 3000);
}

/** Fills every row the round lacks with 有可能 and a full explanation (the way a manager would, through the form). */
export async function completeAll(w: VueWrapper) {
  const store = useMonitoringStore();
  for (const p of [...store.problems]) {
    const r = row(w, p.name);
    await r.get('[data-test=possibility]').setValue('possible');
    await r.get('[data-test=reason-funding]').setValue(true);
    await r.get('[data-test=reason-text]').setValue('经费未到位');
    await r.get('[data-test=measures]').setValue('加快支付进度');
  }
}

/** 报送 → name → confirm, then waits for the stamp. */
export async function submitAs(w: VueWrapper, name: string) {
  await w.get('[data-test=submit]').trigger('click');
  await until(() => w.find('dialog[open] [data-test=submit-name]').exists());
  await w.get('[data-test=submit-name]').setValue(name);
  await w.get('[data-test=submit-dialog] form').trigger('submit');
  await until(() => w.find('[data-test=stamp]').exists());
}
