import type { IndicatorNode } from '@/domain/model';
import { parseOverride } from '@/domain/evaluation/actuals';
import type { Evaluation, EvalRowInput, EvaluationForm } from '@/domain/evaluation/types';
import { emptyEvaluationInputs } from '@/domain/evaluation/types';
import { evaluate, inputsOf, leafOf, rollupOf, seedUnitPlan, spending, type EntryFields, type SeedPlan } from '../fixtures/evaluation';

/**
 * The worked scorecard of domain.md §4.10 built through buildEvaluationForm: the seed's 单位整体 plan with the §4.10
 * weights, the §4.10 actuals logged as entries over the year (the one item finished after the year typed by the
 * evaluator), spending of 1,210.00 万元 — 产出 48.06, total 97.00 优.
 */

export const N = {
  activity: '开展职工权益保障和职工服务等活动（人次）',
  leaflets: '印制组织建设、权益保障、关爱服务等宣传资料数量（份）',
  cadres: '职业化干部及工会组织员补贴发放人数',
  sports: '开展职工趣味运动会、登山等文体活动参与人次',
  rest: '劳模、先进生产者等有关人员疗休养活动人数',
  remit: '上解上级工会经费完成数量',
  leafletRate: '宣传资料及时发放率',
  coverage: '开展职工权益保障和职工服务活动覆盖率',
  sportsRate: '开展职工趣味运动会、登山等文体活动参与率',
  restRate: '劳模、先进生产者等有关人员疗休养活动参与率',
  accuracy: '职业化干部级工会组织员补贴准确率',
  remitAccuracy: '上解上级工会经费准确率',
  time: '各项工作完成时间',
  cost: '成本控制率',
  cohesion: '有效提升职工凝聚力、幸福指数',
  satisfaction: '服务职工满意度',
} as const;
export type Key = keyof typeof N;

const LOG: Partial<Record<Key, EntryFields[]>> = {
  activity: [{ date: '2022-03-15', amount: 300 }, { date: '2022-06-20', amount: 250 }, { date: '2022-11-05', amount: 170 }],
  leaflets: [{ date: '2022-02-10', amount: 3000 }, { date: '2022-08-01', amount: 2000 }],
  cadres: [{ date: '2022-01-20', amount: 28 }],
  sports: [{ date: '2022-04-23', amount: 400 }, { date: '2022-10-15', amount: 250 }],
  rest: [{ date: '2022-05-10', amount: 25 }],
  remit: [{ date: '2022-12-15', amount: 1 }],
  leafletRate: [{ date: '2022-02-10', numerator: 95, denominator: 100 }],
  coverage: [{ date: '2022-12-20', numerator: 88, denominator: 100 }],
  sportsRate: [{ date: '2022-10-15', numerator: 92, denominator: 100 }],
  restRate: [{ date: '2022-05-10', numerator: 25, denominator: 25 }],
  accuracy: [{ date: '2022-07-20', numerator: 28, denominator: 28 }],
  remitAccuracy: [{ date: '2022-12-15', numerator: 1, denominator: 1 }],
  cost: [{ date: '2022-12-31', numerator: 96, denominator: 100 }],
  cohesion: [{ date: '2022-12-01', numerator: 93, denominator: 100 }],
  satisfaction: [{ date: '2022-12-15', numerator: 85, denominator: 100 }],
};

export const EXPLAINED: Partial<Record<Key, string>> = {
  activity: '上半年疫情停办两场活动，下半年已补办',
  cadres: '两名组织员年中离职，岗位已补招',
  sports: '活动受欢迎，报名人数远超预期',
  coverage: '部分新建企业工会未覆盖，明年纳入',
  time: '一项工作延至次年1月10日完成，已加强进度管理',
  satisfaction: '上半年满意度偏低，已改进服务流程',
};

export interface Card {
  p: SeedPlan;
  leaf: Record<Key, IndicatorNode>;
  rows: Record<string, Partial<EvalRowInput>>;
  form: (extraRows?: Partial<Record<Key, Partial<EvalRowInput>>>) => EvaluationForm;
}

export function card(): Card {
  const p = seedUnitPlan();
  const leaf = Object.fromEntries(Object.entries(N).map(([k, name]) => [k, leafOf(p, name)])) as Record<Key, IndicatorNode>;
  const rollups = Object.entries(LOG).map(([k, entries]) => rollupOf(leaf[k as Key], entries));
  const rows: Record<string, Partial<EvalRowInput>> = {};
  const late = parseOverride('2023-01-10', leaf.time, 'deadline');
  if (!('actual' in late) || !late.actual) throw new Error('override does not parse');
  rows[leaf.time.id] = { override: { text: '2023-01-10', actual: late.actual, note: '事项完成日期以验收单为准' } };
  for (const [k, text] of Object.entries(EXPLAINED)) rows[leaf[k as Key].id] = { ...rows[leaf[k as Key].id], explanation: text };
  const spent = [spending('2022-06-30', '600.00'), spending('2022-12-20', '610.00')];
  return {
    p,
    leaf,
    rows,
    form: (extra = {}) => {
      const all = { ...rows };
      for (const [k, r] of Object.entries(extra)) all[leaf[k as Key].id] = { ...all[leaf[k as Key].id], ...r };
      return evaluate(p, { rollups, spending: spent, inputs: inputsOf(all, { goalActual: '全年目标基本完成' }) });
    },
  };
}

/** The evaluation record as the repository keeps it once finalised (or as a draft / superseded version). */
export function evaluationRecord(form: EvaluationForm, over: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 'eval-1',
    createdAt: '2023-01-05T01:00:00.000Z',
    updatedAt: '2023-01-20T02:00:00.000Z',
    rev: 7,
    planId: 'plan',
    year: 2022,
    seriesId: 'eval-series',
    version: 1,
    status: 'final',
    ruleSetId: form.ruleSet.id,
    inputs: { ...emptyEvaluationInputs(), goalActual: form.goal.actual },
    createdBy: '李审核',
    finalisedAt: '2023-01-20T02:00:00.000Z',
    finalisedBy: '李审核',
    snapshot: form,
    ...over,
  };
}
