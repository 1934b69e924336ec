import type { IndicatorNode, IsoDate, TargetAdjustment } from '../model';
import type { TargetSpec } from './types';

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
