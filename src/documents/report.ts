import type { IsoDate, Unit } from '@/domain/model';
import { formatWan } from '@/domain/money';
import { formatPoints } from '@/domain/points';
import { GRADE_LABELS } from '@/domain/scoring/grade';
import type { Evaluation, EvaluationForm } from '@/domain/evaluation/types';
import { chineseDate, formatPercent, withSuffix } from './cells';
import { evaluationFormDocument, evaluationFormOf } from './evaluationForms';
import { deviationParagraphs, groupRows, groupSections, para, pending, scoreTable } from './reportAnalysis';
import type { Block, DocumentModel, Heading } from './model';

/**
 * The 绩效自评报告 (domain.md §4.12) of ONE evaluation: headings in the official order, paragraphs generated from the
 * card where the data can say it, the evaluator's own text from `evaluation.inputs.sections[key]` where it exists, a
 * （待填写） placeholder where neither can, and the 自评表 itself as the attachment.
 */

/** The free-text sections the evaluator can edit before export, with the heading each belongs under. */
export const REPORT_SECTIONS = Object.freeze([
  { key: 'background', title: '一、基本情况：部门（单位）职能或项目概况' },
  { key: 'workDone', title: '二、绩效自评工作开展情况' },
  { key: 'conclusion', title: '三、综合评价结论：补充说明' },
  { key: 'satisfaction', title: '四、满意度调查方法及样本' },
  { key: 'deviation', title: '五、偏离目标的原因：总体说明' },
  { key: 'improvements', title: '六、改进措施及建议' },
  { key: 'application', title: '七、自评结果应用' },
  { key: 'other', title: '八、其他需要说明的问题' },
] as const);

export type ReportSectionKey = (typeof REPORT_SECTIONS)[number]['key'];

export interface ReportSources {
  evaluation: Evaluation;
  /** 部门职责 for 基本情况 (not part of the frozen card). */
  unit: Pick<Unit, 'name' | 'duties'>;
  /** A draft's form, computed by the caller (a draft has no snapshot). */
  draftForm?: EvaluationForm;
  /** The print date of a draft. */
  date?: IsoDate;
}

const h1 = (t: string): Heading => ({ kind: 'heading', level: 1, text: t });
const h2 = (t: string): Heading => ({ kind: 'heading', level: 2, text: t });

/** The evaluator's text for a section, split into paragraphs on blank lines; null when empty. */
function written(sections: Record<string, string>, key: ReportSectionKey): Block[] | null {
  const t = (sections[key] ?? '').trim();
  if (!t) return null;
  return t.split(/\n\s*\n/).map((p) => para(p.trim(), key));
}

/** “职工服务”项目 / 深圳市盐田区总工会部门整体支出 */
const subjectOf = (form: EvaluationForm) => (form.header.planKind === 'project' ? `“${form.header.planName}”项目` : `${form.header.unitName}部门整体支出`);

/** 年初预算数 1,273.52 万元（财政拨款 1,273.52 万元）；全年预算数 1,273.52 万元，年内未调整。 */
function budgetArrangement(form: EvaluationForm): string {
  const total = form.funds.find((f) => f.source === 'total')!;
  const names = { fiscal: '财政拨款', carryover: '上年结转资金', other: '其他资金' } as const;
  const parts = form.funds.flatMap((f) => (f.source !== 'total' && f.initialFen !== 0 ? [`${names[f.source]} ${formatWan(f.initialFen)} 万元`] : []));
  const diff = total.fullFen - total.initialFen;
  const change = diff === 0 ? '年内未调整' : `较年初${diff > 0 ? '增加' : '减少'} ${formatWan(Math.abs(diff))} 万元`;
  return `${form.header.year}年年初预算数 ${formatWan(total.initialFen)} 万元${parts.length ? `（其中${parts.join('，')}）` : ''}；全年预算数 ${formatWan(total.fullFen)} 万元，${change}。`;
}

function indicatorCount(form: EvaluationForm): string {
  const applicable = form.rows.filter((r) => r.applicable).length;
  const by = groupRows(form).map((g) => `${withSuffix(g.name)} ${g.rows.filter((r) => r.applicable).length} 项`);
  return `年度绩效指标共 ${form.rows.length} 项，其中适用 ${applicable} 项（${by.join('、')}），不适用 ${form.rows.length - applicable} 项。`;
}

function basics(form: EvaluationForm, unit: ReportSources['unit'], sections: Record<string, string>): Block[] {
  const project = form.header.planKind === 'project';
  const h = form.header;
  const generated = project ? para(`${h.planName}，主管部门为${h.supervisor}，实施单位为${h.implementer}。`, 'background') : unit.duties.trim() ? para(unit.duties.trim(), 'background') : pending('', 'background');
  return [
    h1('一、基本情况'),
    h2(project ? '（一）项目概况' : '（一）部门（单位）职能'),
    ...(written(sections, 'background') ?? [generated]),
    h2('（二）预算安排情况'),
    para(budgetArrangement(form)),
    h2('（三）绩效目标'),
    para(form.goal.text.trim() || '（未填写年度总体目标）'),
    para(indicatorCount(form)),
  ];
}

function workDone(form: EvaluationForm, sections: Record<string, string>): Block[] {
  const n = form.rows.filter((r) => r.applicable).length;
  const generated = `本单位按照预算绩效管理的有关规定，对${form.header.year}年度${subjectOf(form)}开展绩效自评。自评以${chineseDate(form.header.asOf)}为截止日，对照批复的绩效目标（年内调整的按调整后的目标），对 ${n} 项适用绩效指标的完成情况和预算执行情况逐项评分，评分规则为“${form.ruleSet.name}”。`;
  return [h1('二、绩效自评工作开展情况'), ...(written(sections, 'workDone') ?? [para(generated, 'workDone'), pending('自评的组织分工和工作过程：', 'workDone')])];
}

function conclusion(form: EvaluationForm, sections: Record<string, string>): Block[] {
  const c = form.scorecard;
  const parts = c.groups.map((g) => `${withSuffix(g.name)}得分 ${formatPoints(g.scoreCp)} 分（分值 ${formatPoints(g.weightCp)} 分）`);
  parts.push(`预算执行率得分 ${formatPoints(c.budget.scoreCp)} 分（分值 ${formatPoints(c.budget.weightCp)} 分）`);
  const text = `经自评，${subjectOf(form)}${form.header.year}年度绩效自评总分 ${formatPoints(c.totalCp)} 分，自评等级为“${GRADE_LABELS[c.grade]}”。其中${parts.join('，')}。`;
  const adjust = [c.naRescale?.explanation, c.cap?.explanation].filter((x): x is string => !!x);
  return [h1('三、综合评价结论'), para(text), ...(adjust.length ? [para(`总分说明：${adjust.join('；')}。`)] : []), scoreTable(form), ...(written(sections, 'conclusion') ?? [])];
}

function budgetExecution(form: EvaluationForm, budgetNote: string): Block[] {
  const total = form.funds.find((f) => f.source === 'total')!;
  const b = form.budget;
  const rate = b.rate === null ? '—' : formatPercent(b.rate, 2);
  const out: Block[] = [
    h2('（一）预算执行情况'),
    para(`全年预算数 ${formatWan(total.fullFen)} 万元，全年执行数 ${formatWan(total.executedFen)} 万元，预算执行率 ${rate}，得分 ${formatPoints(b.scoreCp)} 分（分值 ${formatPoints(b.weightCp)} 分）。`),
  ];
  // Some local forms require a reason below 90% (domain.md §4.5).
  if (budgetNote.trim()) out.push(para(budgetNote.trim()));
  else if (b.rate !== null && b.rate < 0.9) out.push(pending('预算执行率低于 90% 的原因：'));
  return out;
}

/** The 绩效自评报告 of one evaluation record. */
export function buildReport(src: ReportSources): DocumentModel {
  const { form, watermark, date } = evaluationFormOf(src);
  const inputs = src.evaluation.inputs;
  const sections = inputs.sections ?? {};
  const attachment = evaluationFormDocument(form, { watermark, date, signer: src.evaluation.status === 'draft' ? '' : (src.evaluation.finalisedBy ?? '') });
  const blocks: Block[] = [
    ...basics(form, src.unit, sections),
    ...workDone(form, sections),
    ...conclusion(form, sections),
    h1('四、绩效目标实现情况分析'),
    ...budgetExecution(form, inputs.budgetNote ?? ''),
    ...groupSections(form, 2, (sections.satisfaction ?? '').trim()),
    h1('五、偏离目标的原因'),
    ...(written(sections, 'deviation') ?? []),
    ...deviationParagraphs(form),
    h1('六、改进措施及建议'),
    ...(written(sections, 'improvements') ?? [pending('', 'improvements')]),
    h1('七、自评结果应用'),
    ...(written(sections, 'application') ?? [
      para(`自评结果作为${form.header.year + 1}年度预算安排、绩效目标设定和预算管理改进的重要依据；对自评发现的问题逐项整改，并按规定公开自评结果。`, 'application'),
    ]),
    h1('八、其他需要说明的问题'),
    ...(written(sections, 'other') ?? [pending('', 'other')]),
    h1('附件：自评表'),
    { kind: 'attachment', label: `附件：${attachment.title}`, document: attachment },
  ];
  const title = form.header.planKind === 'project' ? `${form.header.planName}${form.header.year}年度项目支出绩效自评报告` : `${form.header.unitName}${form.header.year}年度部门整体支出绩效自评报告`;
  return {
    title,
    orientation: 'portrait',
    header: [
      { label: '报告单位', value: src.unit.name || form.header.unitName },
      { label: '评价年度', value: String(form.header.year) },
    ],
    blocks,
    watermark,
    footer: { unitName: src.unit.name || form.header.unitName, date },
  };
}

/** Numbered 一级 headings of a report in order (for a table of contents). */
export const headingsOf = (d: DocumentModel, level: Heading['level'] = 1): string[] => d.blocks.flatMap((b) => (b.kind === 'heading' && b.level === level ? [b.text] : []));

