import type { IsoDate } from '@/domain/model';
import type { Light } from '@/domain/monitoring/progress';
import type { DeviationReason, MonitoringRound, Possibility, RoundForm, RoundRow } from '@/domain/monitoring/round-types';
import { targetText } from '@/domain/evaluation/form-layout';
import { bold, chinaDate, chineseDate, col, dash, FUND_ROW_LABELS, labelRow, percentCell, text, wanCell } from './cells';
import { runSpans } from './spans';
import { orientationFor, type Block, type Cell, type DocumentModel, type Table, type Watermark } from './model';

/**
 * 项目支出绩效目标执行监控表 / 部门（单位）整体支出绩效目标执行监控表 (domain.md §3.2) of ONE monitoring round: a submitted
 * (or superseded) round prints its frozen snapshot; a draft has none, so the caller passes the form it computed and
 * the print carries a 草稿 watermark.
 */

export const REASON_LABELS: Readonly<Record<DeviationReason, string>> = Object.freeze({
  funding: '经费保障',
  institution: '制度保障',
  staffing: '人员保障',
  hardware: '硬件条件保障',
  other: '其他',
});

export const POSSIBILITY_LABELS: Readonly<Record<Possibility, string>> = Object.freeze({ certain: '确定能', possible: '有可能', impossible: '完全不可能' });

export const LIGHT_LABELS: Readonly<Record<Light, string>> = Object.freeze({ red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯', none: '—' });

export interface MonitoringDocumentSources {
  round: MonitoringRound;
  /** A draft's form, computed by the caller from its inputs (a draft has no snapshot); ignored once submitted. */
  draftForm?: RoundForm;
  /** The print date of a draft (a submitted round prints the day it was submitted). */
  date?: IsoDate;
}

/** The form a round prints and its watermark: the snapshot once submitted, the passed form while a draft. */
export function roundFormOf(src: MonitoringDocumentSources): { form: RoundForm; watermark: Watermark | null; date: IsoDate } {
  const { round } = src;
  if (round.status === 'draft') {
    if (!src.draftForm) throw new Error(`round ${round.id} is a draft: pass the form computed from its inputs`);
    if (!src.date) throw new Error(`round ${round.id} is a draft: pass the print date`);
    return { form: src.draftForm, watermark: 'draft', date: src.date };
  }
  if (!round.snapshot) throw new Error(`round ${round.id} is ${round.status} but has no frozen form`);
  const date = round.submittedAt ? chinaDate(round.submittedAt) : src.date;
  if (!date) throw new Error(`round ${round.id} has no submission time: pass the print date`);
  return { form: round.snapshot, watermark: round.status === 'superseded' ? 'superseded' : null, date };
}

/** '1–6月' */
export const periodOf = (month: number): string => `1–${month}月`;

/** 偏差原因分析: the ticked reasons, then the 原因说明 on its own line. */
export function reasonsText(input: Pick<RoundRow['input'], 'reasons' | 'reasonText'>): string {
  const ticks = input.reasons.map((r) => `☑${REASON_LABELS[r]}`).join(' ');
  const why = input.reasonText.trim();
  return [ticks, why].filter(Boolean).join('\n');
}

function fundsTable(form: RoundForm, period: string, caption: string): Table {
  const heads = ['项目', '年初预算数', '全年预算数', `${period}执行数`, `${period}执行率`, '全年预计执行数'];
  return {
    kind: 'table',
    caption,
    columns: [col('row', 16), col('initial', 12, 'right'), col('full', 12, 'right'), col('executed', 12, 'right'), col('rate', 11, 'right'), col('forecast', 12, 'right')],
    headRows: [heads.map((h) => bold(h, { align: 'center' }))],
    bodyRows: form.funds.map((f) => {
      const b = f.source === 'total' ? { bold: true } : {};
      return [text(FUND_ROW_LABELS[f.source], b), wanCell(f.initialFen, b), wanCell(f.fullFen, b), wanCell(f.executedFen, b), percentCell(f.rate, 2, b), f.forecastFen === null ? dash() : wanCell(f.forecastFen, b)];
    }),
  };
}

function goalTable(form: RoundForm, period: string): Table {
  return {
    kind: 'table',
    caption: '年度总体目标',
    columns: [col('goal', 50), col('progress', 40), col('forecast', 40)],
    headRows: [['年度总体目标', `${period}执行情况`, '全年预计执行情况'].map((h) => bold(h, { align: 'center' }))],
    bodyRows: [[text(form.goal.text), text(form.goal.progress), text(form.goal.forecast)]],
  };
}

function indicatorTable(form: RoundForm, period: string): Table {
  const rows = form.rows;
  const l1 = runSpans(rows, (r) => r.level1);
  const l2 = runSpans(rows, (r) => `${r.level1}\u0000${r.level2}`);
  const body = rows.map((r, i): Cell[] => {
    const cells: Cell[] = [];
    if (l1[i]) cells.push(bold(r.level1, { rowSpan: l1[i], align: 'center' }));
    if (l2[i]) cells.push(text(r.level2, { rowSpan: l2[i], align: 'center' }));
    cells.push(text(r.node.name), text(targetText(r), { align: 'center' }));
    if (!r.applicable) return [...cells, dash(), dash(), dash(), text(''), text(''), text(''), text(r.input.note)];
    return [
      ...cells,
      text(r.actualText, { align: 'center' }),
      text(r.forecast.text, { align: 'center' }),
      text(LIGHT_LABELS[r.assessment.light], { align: 'center' }),
      text(reasonsText(r.input)),
      text(r.input.possibility ? POSSIBILITY_LABELS[r.input.possibility] : '', { align: 'center' }),
      text(r.input.measures),
      text(r.input.note),
    ];
  });
  const heads = ['一级指标', '二级指标', '三级指标', '年度指标值', `${period}实际完成值`, '全年预计完成值', '预警', '偏差原因分析', '完成目标可能性', '纠偏措施', '备注'];
  return {
    kind: 'table',
    caption: '绩效指标',
    columns: [col('level1', 6), col('level2', 8), col('level3', 24), col('target', 14), col('actual', 12), col('forecast', 12), col('light', 5), col('reasons', 22), col('possibility', 8), col('measures', 18), col('note', 10)],
    headRows: [heads.map((h) => bold(h, { align: 'center' }))],
    bodyRows: body,
  };
}

function actionsTable(form: RoundForm): Table {
  return {
    kind: 'table',
    caption: '纠偏与整改',
    columns: [col('label', 16), col('text', 114)],
    headRows: [],
    bodyRows: [labelRow('纠偏措施', form.corrective), labelRow('是否需要整改', form.rectify.needed ? '是' : '否'), labelRow('整改要求和建议', form.rectify.advice), labelRow('整改结果和结论', form.rectify.result)],
  };
}

/** How every light and forecast came about, so the form can be checked by hand. */
function notesOf(form: RoundForm): string[] {
  const b = form.budget;
  const notes = [`序时进度 ${form.header.timeProgressText}；预算执行预警：${LIGHT_LABELS[b.light]}（${b.formula}）`];
  if (b.forecastMethod === 'manual' && b.computedForecastFen !== null) notes.push(`全年预计执行数为手工填报（按执行进度线性推算为 ${wanCell(b.computedForecastFen).text} 万元）`);
  for (const r of form.rows) {
    if (!r.applicable) continue;
    const parts = [`${r.node.name}：${LIGHT_LABELS[r.assessment.light]}，${r.lightFormula}`];
    if (r.forecast.method === 'manual') parts.push(`全年预计完成值为手工填报（计算值 ${r.forecast.computedText}）${r.forecast.belowActual ? '，低于已完成值' : ''}`);
    if (r.adjusted) parts.push(`年度指标值于 ${r.adjusted.approvedOn} 由 ${r.adjusted.originalText} 调整为 ${r.targetText}（${r.adjusted.reason}）`);
    notes.push(parts.join('；'));
  }
  notes.push(`目标执行预警（整体）：${LIGHT_LABELS[form.planLight]}`);
  return notes;
}

/** The 执行监控表 of one round. */
export function buildMonitoringDocument(src: MonitoringDocumentSources): DocumentModel {
  const { form, watermark, date } = roundFormOf(src);
  const h = form.header;
  const period = periodOf(h.month);
  const project = h.planKind === 'project';
  const periodValue = `${h.year}年${period}${h.monthEnd ? '' : `（截至${chineseDate(h.cutoff)}）`}`;
  const blocks: Block[] = [
    fundsTable(form, period, project ? '项目资金（万元）' : '部门预算资金（万元）'),
    goalTable(form, period),
    indicatorTable(form, period),
    actionsTable(form),
    {
      kind: 'signature',
      fields: [
        { label: '填报人', value: src.round.status === 'draft' ? '' : (src.round.submittedBy ?? '') },
        { label: '审核人', value: '' },
        { label: '填报日期', value: chineseDate(date) },
      ],
    },
  ];
  return {
    title: project ? '项目支出绩效目标执行监控表' : '部门（单位）整体支出绩效目标执行监控表',
    subtitle: `（${h.year}年${period}）`,
    orientation: orientationFor(blocks),
    header: [
      ...(project ? [{ label: '项目名称', value: h.planName }] : [{ label: '部门（单位）名称', value: h.unitName }]),
      { label: '主管部门', value: h.supervisor },
      ...(project ? [{ label: '实施单位', value: h.implementer }] : []),
      { label: '监控期间', value: periodValue },
      ...(src.round.version > 1 ? [{ label: '版本', value: `第${src.round.version}版（更正）` }] : []),
    ],
    blocks,
    notes: notesOf(form),
    watermark,
    footer: { unitName: h.unitName, date },
  };
}
