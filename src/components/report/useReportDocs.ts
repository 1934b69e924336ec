import { computed } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import type { DocumentModel } from '@/documents/model';
import type { EvaluationForm } from '@/domain/evaluation/types';
import type { FormLayout } from '@/domain/evaluation/form-layout';
import { buildTargetTable } from '@/documents/targetTable';
import { buildMonitoringDocument, periodOf } from '@/documents/monitoringForm';
import { buildEvaluationDocument } from '@/documents/evaluationForms';
import { buildReport } from '@/documents/report';
import { chinaDate } from '@/documents/cells';
import { usePlansStore } from '@/stores/plans';
import { useIndicatorsStore } from '@/stores/indicators';
import { useMonitoringStore } from '@/stores/monitoring';
import { useEvaluationStore } from '@/stores/evaluation';
import { todayIso } from '@/stores/dashboard';
import { fileBase, type FileParts } from './files';

export type DocFormat = 'xlsx' | 'docx';
export type DocGroup = 'target' | 'monitoring' | 'evaluation';

export interface ReportDoc {
  /** stable within the plan: the preview's address (?doc=…) */
  id: string;
  group: DocGroup;
  /** null when the description could not be built (error says why) */
  doc: DocumentModel | null;
  error?: string;
  title: string;
  detail: string;
  status: 'draft' | 'final' | 'submitted' | 'superseded' | null;
  formats: DocFormat[];
  /** the file name without extension */
  file: string;
  /** the report's score card, drawn as gauges into the Word file */
  gaugeForm?: EvaluationForm;
}

/**
 * The official documents of the current plan, built from the stores' records through the pure builders: the
 * 绩效目标表 as in force at the plan year's end (today during that year); each submitted (or superseded) round's 监控表 from its frozen snapshot; the final
 * evaluation's (or, while one is open, the draft's) 自评表 in both layouts and its 绩效自评报告 — the draft's built
 * from the live card and the text being typed.
 */
export function useReportDocs() {
  const { t } = useI18n();
  const { currentPlan, unit, budgetLines } = storeToRefs(usePlansStore());
  const { nodes } = storeToRefs(useIndicatorsStore());
  const { rounds } = storeToRefs(useMonitoringStore());
  const evaluation = useEvaluationStore();
  const { versions, current, draft, form } = storeToRefs(evaluation);

  /** A document built, or — should its description be refused — the reason, so one bad record does not hide the rest. */
  function attempt(base: Omit<ReportDoc, 'doc' | 'title' | 'file'>, build: () => DocumentModel, names: Omit<FileParts, 'title' | 'status'>): ReportDoc {
    try {
      const doc = build();
      return { ...base, doc, title: doc.title, file: fileBase({ ...names, title: doc.title, status: base.status }) };
    } catch (e) {
      return { ...base, doc: null, title: base.id, file: base.id, error: e instanceof Error ? e.message : String(e) };
    }
  }

  const docs = computed<ReportDoc[]>(() => {
    const plan = currentPlan.value;
    const u = unit.value;
    if (!plan || !u) return [];
    const today = todayIso();
    const names = { year: plan.year, unitName: u.name, planName: plan.kind === 'project' ? plan.name : '' };
    const out: ReportDoc[] = [];

    // The targets in force at the plan year's end (today while that year is still running): a past year's table
    // must not depend on the day it is printed.
    const yearEnd = `${plan.year}-12-31`;
    const targetDate = today < yearEnd ? today : yearEnd;
    const targetDetail = t(today < yearEnd ? 'report.detail.targetToday' : 'report.detail.targetYearEnd', { date: targetDate });
    out.push(
      attempt({ id: 'target', group: 'target', detail: targetDetail, status: null, formats: ['xlsx'] }, () =>
        buildTargetTable({ unit: u, plan, lines: budgetLines.value, nodes: nodes.value, date: targetDate }), names,
      ),
    );

    const locked = rounds.value.filter((r) => r.status !== 'draft').sort((a, b) => a.cutoff.localeCompare(b.cutoff) || a.version - b.version);
    for (const r of locked) {
      const stamp = t('report.detail.submitted', { by: r.submittedBy ?? '', date: r.submittedAt ? chinaDate(r.submittedAt) : '' });
      const period = periodOf(Number(r.cutoff.slice(5, 7)));
      out.push(
        attempt({ id: `round-${r.id}`, group: 'monitoring', detail: t('report.detail.round', { period, version: r.version, stamp }), status: r.status === 'superseded' ? 'superseded' : 'submitted', formats: ['xlsx'] }, () =>
          buildMonitoringDocument({ round: r }), { ...names, period },
        ),
      );
    }

    // The open draft (built from the live card and what is being typed), and the final version if there is one.
    const shown = current.value;
    const evals = versions.value.filter((e) => e.status === 'final' || (e.status === 'draft' && e.id === shown?.id && form.value));
    for (const e of evals) {
      const isDraft = e.status === 'draft';
      const live = isDraft ? { ...e, inputs: { ...e.inputs, sections: { ...draft.value.sections } } } : e;
      const src = { evaluation: live, ...(isDraft ? { draftForm: form.value!, date: today } : {}) };
      const version = t('report.detail.version', { version: e.version });
      const detail = isDraft ? version : `${version} · ${t('report.detail.finalised', { by: e.finalisedBy ?? '', date: e.finalisedAt ? chinaDate(e.finalisedAt) : '' })}`;
      const status = isDraft ? 'draft' : 'final';
      for (const layout of ['project', 'unit'] as FormLayout[]) {
        out.push(attempt({ id: `eval-${e.id}-${layout}`, group: 'evaluation', detail: `${detail} · ${t(`report.layout.${layout}`)}`, status, formats: ['xlsx'] }, () => buildEvaluationDocument({ ...src, layout }), names));
      }
      const card = isDraft ? form.value! : e.snapshot;
      out.push(
        attempt({ id: `report-${e.id}`, group: 'evaluation', detail, status, formats: ['xlsx', 'docx'], ...(card ? { gaugeForm: card } : {}) }, () =>
          buildReport({ ...src, unit: { name: u.name, duties: u.duties ?? '' } }), names,
        ),
      );
    }
    return out;
  });

  return { docs };
}
