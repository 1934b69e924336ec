import { useI18n } from 'vue-i18n';
import { usePlansStore } from '@/stores/plans';
import { useAppStore } from '@/stores/app';
import { useConfirm } from './useConfirm';
import { useAction } from './useAction';

/**
 * "Restore sample plans", asked first wherever it is offered: it replaces the sample plans and, with them, any
 * activity the user logged on them — the confirmation says how much.
 */
export function useRestoreSample() {
  const { t } = useI18n();
  const plans = usePlansStore();
  const app = useAppStore();
  const { confirm } = useConfirm();
  const { busy, run } = useAction();

  async function restoreSample(): Promise<boolean> {
    const impact = await plans.sampleRestoreImpact();
    const body = [t('data.restoreConfirm', { n: impact.plans })];
    if (impact.entries || impact.spending) body.push(t('data.restoreLoses', { e: impact.entries, s: impact.spending }));
    const ok = await confirm({ title: t('data.restoreSample'), body: body.join('\n\n'), confirmLabel: t('data.restoreSample'), danger: true });
    if (!ok) return false;
    const done = await run(async () => (await plans.restoreSample(), true), () => t('data.restored'));
    if (done) app.acknowledgeDataMissing();
    return !!done;
  }
  return { busy, restoreSample };
}
