import { describe, expect, it } from 'vitest';
import type { IndicatorNode, TargetAdjustment } from '@/domain/model';
import { parseTarget } from '@/domain/targets/parse';
import { targetInForce, withTargetInForce } from '@/domain/targets/adjustment';

/** 绩效目标调整 (domain.md §4.1): store both, monitor and score the target in force on the day asked for. */

const spec = (text: string) => parseTarget(text).spec;
const adj = (targetText: string, approvedOn: string, recordedAt = `${approvedOn}T09:00:00.000Z`): TargetAdjustment => ({
  id: `${targetText}@${approvedOn}@${recordedAt}`,
  targetText,
  target: spec(targetText),
  approvedOn,
  reason: '批复',
  recordedAt,
});
const node = (targetAdjustments?: TargetAdjustment[]): Pick<IndicatorNode, 'target' | 'targetText' | 'targetAdjustments'> => ({
  targetText: '不少于800人次',
  target: spec('不少于800人次'),
  ...(targetAdjustments ? { targetAdjustments } : {}),
});
const ORIGINAL = { targetText: '不少于800人次', target: { op: 'GE', value: 800, unit: '人次', phrase: '不少于' } };

describe('targetInForce', () => {
  it('without adjustments: the approved original', () => {
    expect(targetInForce(node(), '2022-06-30')).toEqual({ ...ORIGINAL, adjustment: null, original: ORIGINAL });
    expect(targetInForce(node([]), '2022-06-30').adjustment).toBeNull();
  });

  it('an adjustment is in force from its approval day on, not before', () => {
    const a = adj('不少于600人次', '2022-05-10');
    expect(targetInForce(node([a]), '2022-05-09')).toMatchObject({ targetText: '不少于800人次', adjustment: null });
    expect(targetInForce(node([a]), '2022-05-10')).toMatchObject({ targetText: '不少于600人次', target: { value: 600 }, adjustment: a });
    expect(targetInForce(node([a]), '2022-12-31')).toMatchObject({ targetText: '不少于600人次', original: ORIGINAL });
  });

  it('the latest approval by the day wins, whatever order the adjustments are stored in', () => {
    const march = adj('不少于700人次', '2022-03-01');
    const august = adj('不少于600人次', '2022-08-05');
    const may = adj('不少于650人次', '2022-05-20');
    const n = node([august, march, may]);
    expect(targetInForce(n, '2022-04-01').targetText).toBe('不少于700人次');
    expect(targetInForce(n, '2022-07-31').targetText).toBe('不少于650人次');
    expect(targetInForce(n, '2022-08-05').targetText).toBe('不少于600人次');
  });

  it('on the same approval day, the one recorded last', () => {
    const first = adj('不少于700人次', '2022-05-10', '2022-05-11T08:00:00.000Z');
    const second = adj('不少于650人次', '2022-05-10', '2022-05-12T08:00:00.000Z');
    expect(targetInForce(node([second, first]), '2022-06-30').targetText).toBe('不少于650人次');
    expect(targetInForce(node([first, second]), '2022-06-30').targetText).toBe('不少于650人次');
  });

  it('without a day: the latest adjustment of all (what the target table shows now)', () => {
    expect(targetInForce(node([adj('不少于700人次', '2022-03-01'), adj('不少于600人次', '2022-11-05')])).targetText).toBe('不少于600人次');
  });
});

describe('withTargetInForce', () => {
  it('returns the same row when nothing is adjusted, and a copy with the target in force otherwise; the row is never changed', () => {
    const plain = node();
    expect(withTargetInForce(plain, '2022-06-30')).toBe(plain);
    const adjusted = node([adj('不少于600人次', '2022-05-10')]);
    const before = structuredClone(adjusted);
    const seen = withTargetInForce(adjusted, '2022-06-30');
    expect(seen).toMatchObject({ targetText: '不少于600人次', target: { value: 600 } });
    expect(seen.targetAdjustments).toBe(adjusted.targetAdjustments);
    expect(adjusted).toEqual(before);
    expect(withTargetInForce(adjusted, '2022-05-01')).toBe(adjusted);
  });
});
