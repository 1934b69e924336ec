import { afterEach, describe, expect, it } from 'vitest';
import NoticeHost from '@/components/base/NoticeHost.vue';
import { useConfirm } from '@/composables/useConfirm';
import { useMonitoringStore } from '@/stores/monitoring';
import { flush, mountWithApp, until } from '../../fixtures/mount';
import { completeAll, mountMonitoring, startRound, submitAs, type Ctx } from './fixture';

let ctx: Ctx | undefined;
afterEach(() => {
  ctx?.w.unmount();
  ctx = undefined;
});

describe('monitoring: versions', () => {
  it('更正 asks first, opens a new draft version; once that is submitted the old one says 已被更正 and links to it', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    await startRound(w);
    await completeAll(w);
    await submitAs(w, '张敏');
    const v1 = useMonitoringStore().current!.id;

    await w.get('[data-test=correct]').trigger('click');
    const { pending, answer } = useConfirm();
    await until(() => pending.value !== null);
    expect(pending.value!.body).toContain('第1版');
    answer(true);
    await until(() => w.find('[data-test=correction-note]').exists());
    expect(w.get('[data-test=round-status]').text()).toBe('草稿');
    expect(w.get('[data-test=round-toolbar]').text()).toContain('第2版');
    // The correction starts from what v1 said.
    expect(w.findAll('[data-test=reason-text]').some((e) => (e.element as HTMLTextAreaElement).value === '经费未到位')).toBe(true);

    await submitAs(w, '张敏');
    expect((await d.rounds.get(v1))!.status).toBe('superseded'); // marked in the same transaction as the submit
    await w.get(`[data-test=round-list] tr[data-round="${v1}"] [data-test=open-round]`).trigger('click');
    await until(() => w.find('[data-test=superseded-banner]').exists());
    expect(w.get('[data-test=superseded-banner]').text()).toContain('以第2版为准');
    expect(w.find('[data-test=correct]').exists()).toBe(false);
    await w.get('[data-test=go-newer]').trigger('click');
    await until(() => w.get('[data-test=round-toolbar]').text().includes('第2版'));
  }, 20_000);

  it('a draft is deleted with undo', async () => {
    ctx = await mountMonitoring();
    const { w, d } = ctx;
    await startRound(w);
    await w.get('[data-test=delete-draft]').trigger('click');
    await until(() => w.find('[data-test=rounds-empty]').exists());
    expect(await d.rounds.count()).toBe(0);
    const notices = mountWithApp(NoticeHost);
    await until(() => notices.text().includes('已删除 1–6月 监控草稿（第1版）'));
    await notices.get('.notice .btn-link').trigger('click');
    await until(() => w.find('[data-test=round-sheet]').exists());
    expect(await d.rounds.count()).toBe(1);
    notices.unmount();
    await flush();
  }, 20_000);
});
