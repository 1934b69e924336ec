import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { exportBundle, parseBundle, serializeBundle, type Bundle, type BundleScope } from '@/db/transfer/bundle';
import { applyMerge, previewMerge, type MergePreview, type MergeSummary } from '@/db/repositories/merge';
import type { BackupProblem } from '@/db/transfer/integrity';
import type { Choice } from '@/domain/merge/merge-record';

/**
 * Records passed between colleagues without a server: the bundle written for a colleague, and the merge of one
 * received — its preview, the user's choices on clashes, and the all-or-nothing write.
 */
export const useShareStore = defineStore('share', () => {
  const bundle = shallowRef<Bundle | null>(null);
  const fileName = ref('');
  const preview = shallowRef<MergePreview | null>(null);
  /** Why the chosen file was refused (nothing read from it). */
  const refusal = shallowRef<BackupProblem[]>([]);
  const choices = shallowRef(new Map<string, Choice>());

  async function exportFile(scope: BundleScope, name: string): Promise<{ name: string; text: string; records: number }> {
    const b = await exportBundle(scope, name);
    const records = b.counts.units + b.counts.plans + b.counts.budgetLines + b.counts.indicators + b.counts.entries + b.counts.spending + b.counts.rounds + b.counts.evaluations;
    const who = name.trim().replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40) || 'bundle';
    return { name: `jixiao-bundle-${b.exportedAt.slice(0, 10)}-${who}.json`, text: serializeBundle(b), records };
  }

  async function open(file: Blob & { name?: string }): Promise<boolean> {
    close();
    fileName.value = file.name ?? '';
    const outcome = await parseBundle(await file.text());
    if (!outcome.ok) {
      refusal.value = outcome.problems;
      return false;
    }
    bundle.value = outcome.bundle;
    preview.value = await previewMerge(outcome.bundle);
    return true;
  }

  async function choose(key: string, choice: Choice): Promise<void> {
    if (!bundle.value) return;
    const next = new Map(choices.value);
    const merged: Choice = { ...next.get(key), ...choice, fields: { ...next.get(key)?.fields, ...choice.fields } };
    next.set(key, merged);
    choices.value = next;
    preview.value = await previewMerge(bundle.value, next);
  }

  async function apply(): Promise<MergeSummary | null> {
    if (!bundle.value) return null;
    const summary = await applyMerge(bundle.value, choices.value);
    close();
    return summary;
  }

  /** Re-reads this browser's side (after a refusal, or an edit in another tab). */
  async function refresh(): Promise<void> {
    if (bundle.value) preview.value = await previewMerge(bundle.value, choices.value);
  }

  function close(): void {
    bundle.value = null;
    preview.value = null;
    refusal.value = [];
    choices.value = new Map();
    fileName.value = '';
  }

  return { bundle, fileName, preview, refusal, choices, exportFile, open, choose, apply, refresh, close };
});
