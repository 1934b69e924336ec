import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Block } from '@/documents/model';
import type { DocxImage } from '@/documents/render/docx';
import { useNotices } from '@/composables/useNotices';
import { download } from './files';
import type { DocFormat, ReportDoc } from './useReportDocs';

/** The gauges follow the report's score table (三、综合评价结论); without one, they close the report body. */
const afterScores = (b: Block) => b.kind === 'table' && b.caption === '自评得分情况';

/**
 * Generates a file and hands it to the browser: the renderer (and exceljs / docx inside it) is imported only now, so
 * none of it is in the first screen's JavaScript. `busy` names the file being made; a failure is said in words.
 */
export function useExport() {
  const { t } = useI18n();
  const { notify } = useNotices();
  /** `${doc id}:${format}` while a file is being made */
  const busy = ref<string | null>(null);
  const progress = ref('');

  async function gauges(d: ReportDoc): Promise<DocxImage[]> {
    if (!d.gaugeForm) return [];
    const { gaugeImages } = await import('./gaugeImages');
    return gaugeImages(d.gaugeForm, { total: t('report.gauges.total'), budget: t('report.gauges.budget'), noScore: t('report.gauges.noScore'), grade: (g) => t(`evaluation.gradeWords.${g}`) });
  }

  async function exportDoc(d: ReportDoc, format: DocFormat): Promise<void> {
    if (!d.doc || busy.value) return;
    const file = `${d.file}.${format}`;
    busy.value = `${d.id}:${format}`;
    progress.value = t('report.progress', { file });
    try {
      if (format === 'xlsx') {
        const { toXlsx, XLSX_MIME } = await import('@/documents/render/xlsx');
        download(await toXlsx(d.doc), file, XLSX_MIME);
      } else {
        const [{ toDocx, DOCX_MIME }, images] = await Promise.all([import('@/documents/render/docx'), gauges(d)]);
        download(await toDocx(d.doc, { images, imagesAfter: afterScores }), file, DOCX_MIME);
      }
      notify(t('report.exported', { file }), { kind: 'success' });
    } catch (e) {
      notify(t('report.failed', { file, reason: e instanceof Error ? e.message : String(e) }), { kind: 'error' });
    } finally {
      busy.value = null;
      progress.value = '';
    }
  }

  return { busy, progress, exportDoc };
}
