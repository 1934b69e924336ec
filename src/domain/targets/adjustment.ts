import type { IndicatorNode, IsoDate, TargetAdjustment } from '../model';
import type { TargetSpec } from './types';
import { parseTarget } from './parse';
import { isIsoDate } from '../dates';

export interface TargetInForce {
  target: TargetSpec | undefined;
  targetText: string;
  /** The adjustment in force at the cut-off; null while the approved original holds. */
  adjustment: TargetAdjustment | null;
  /** The approved original (年初指标值), always kept beside the adjusted one. */
  original: { target: TargetSpec | undefined; targetText: string };
}

/**
 * The target in force on `asOf` (绩效目标调整, domain.md §4.1: store both, monitor and score the adjusted one): the
 * latest adjustment approved on or before that day, else the original. Without `asOf`, the latest adjustment of all.
 * targetInForce(node with 800 → 600 approved 2022-05-10, '2022-06-30').target.value → 600; on '2022-05-09' → 800.
 */
export function targetInForce(node: Pick<IndicatorNode, 'target' | 'targetText' | 'targetAdjustments'>, asOf?: IsoDate): TargetInForce {
  const original = { target: node.target, targetText: node.targetText ?? '' };
  let adjustment: TargetAdjustment | null = null;
  for (const a of node.targetAdjustments ?? []) {
    if (asOf !== undefined && a.approvedOn > asOf) continue;
    // Latest approval wins; on the same day the one recorded last.
    if (!adjustment || a.approvedOn > adjustment.approvedOn || (a.approvedOn === adjustment.approvedOn && a.recordedAt >= adjustment.recordedAt)) adjustment = a;
  }
  return adjustment ? { target: adjustment.target, targetText: adjustment.targetText, adjustment, original } : { ...original, adjustment: null, original };
}

/** The node as monitoring or scoring sees it on `asOf`: same row, target in force. */
export function withTargetInForce<N extends Pick<IndicatorNode, 'target' | 'targetText' | 'targetAdjustments'>>(node: N, asOf?: IsoDate): N {
  const f = targetInForce(node, asOf);
  if (!f.adjustment) return node;
  return { ...node, target: f.target, targetText: f.targetText };
}

export interface TargetAdjustmentDraft {
  targetText: string;
  approvedOn: string;
  reason: string;
}

export type TargetAdjustmentError = { field: 'targetText' | 'approvedOn' | 'reason'; code: 'invalid' | 'badDate' | 'outsideYear' | 'required' | 'unchanged' };

/**
 * Checks a target adjustment before it is saved: a valid target that differs from the one in force, an approval date
 * inside the plan year (an adjustment belongs to its year's target table), and the reason it was approved.
 */
export function validateTargetAdjustment(
  d: TargetAdjustmentDraft,
  node: Pick<IndicatorNode, 'target' | 'targetText' | 'targetAdjustments'>,
  year: number,
): { value?: Omit<TargetAdjustment, 'id' | 'recordedAt'>; errors: TargetAdjustmentError[] } {
  const errors: TargetAdjustmentError[] = [];
  const parsed = parseTarget(d.targetText, { year });
  const text = d.targetText.trim().replace(/\s+/g, '');
  if (!parsed.ok) errors.push({ field: 'targetText', code: 'invalid' });
  else if (text === targetInForce(node, d.approvedOn || undefined).targetText) errors.push({ field: 'targetText', code: 'unchanged' });
  if (!isIsoDate(d.approvedOn)) errors.push({ field: 'approvedOn', code: 'badDate' });
  else if (!d.approvedOn.startsWith(`${year}-`)) errors.push({ field: 'approvedOn', code: 'outsideYear' });
  if (!d.reason.trim()) errors.push({ field: 'reason', code: 'required' });
  if (errors.length) return { errors };
  return { value: { targetText: text, target: parsed.spec, approvedOn: d.approvedOn, reason: d.reason.trim() }, errors };
}
