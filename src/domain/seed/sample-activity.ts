import type { BudgetLine, Id, IndicatorNode, IsoDate, Plan } from '../model';
import type { EntryInput } from '../actuals/measure';
import { measureOf, INTEGER_UNITS } from '../actuals/measure';
import { isApplicable } from '../targets/tree';
import { FEN_PER_WAN, FEN_PER_YUAN } from '../money';

/**
 * A plausible year of activity for a plan, so the dashboard can be seen working. Deterministic (seeded by the
 * plan id) so screenshots and tests are stable. Values land near each target — some a little short, some a little
 * over — because a sample where everything is exactly met shows nothing.
 */
export const SAMPLE_RECORDER = '示例数据';

export interface SampleEntry {
  indicatorId: Id;
  input: EntryInput;
}

export interface SampleSpending {
  budgetLineId: Id;
  date: IsoDate;
  amountFen: number;
  note: string;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: string): () => number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, d: number): IsoDate => `${year}-${pad(month)}-${pad(Math.min(d, 28))}`;

/** Months 1..last with data: the whole year for a past plan, up to `asOf` for the current one. */
function lastMonth(year: number, asOf: IsoDate): number {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return y > year ? 12 : y < year ? 0 : m;
}

export function generateSampleActivity(plan: Plan, nodes: readonly IndicatorNode[], lines: readonly BudgetLine[], asOf: IsoDate) {
  const rand = rng(plan.id);
  const months = lastMonth(plan.year, asOf);
  const share = months / 12;
  const entries: SampleEntry[] = [];
  const base = { recordedBy: SAMPLE_RECORDER };
  // Nothing is dated after `asOf`: a sample for the running year stops today.
  const dated = (month: number, d: number) => {
    const iso = day(plan.year, month, d);
    return iso > asOf ? asOf : iso;
  };
  const push = (indicatorId: Id, month: number, input: Omit<EntryInput, 'date' | 'recordedBy'>) =>
    entries.push({ indicatorId, input: { ...base, date: dated(month, 3 + Math.floor(rand() * 24)), note: '示例记录', ...input } });

  for (const n of nodes.filter(isApplicable)) {
    const t = n.target!;
    const measure = measureOf(n);
    const goal = t.value ?? 0;
    const factor = 0.85 + rand() * 0.3; // 85%–115% of target by year end
    if (measure === 'manual' && t.op !== 'QUAL') {
      // Readings (scores, durations): each is the value at that time, near the target, never a share of a total.
      const reverse = t.op === 'LE' || t.op === 'LT';
      for (let m = 4; m <= months; m += 4) push(n.id, m, { value: Math.round(goal * (reverse ? 0.6 + rand() * 0.35 : 0.92 + rand() * 0.14) * 100) / 100 });
    } else if (measure === 'count' || measure === 'money') {
      const reverse = t.op === 'LE' || t.op === 'LT';
      const total = goal * (reverse ? 0.7 + rand() * 0.25 : factor) * share;
      const whole = INTEGER_UNITS.has(t.unit);
      // Few large steps for small targets (1次, 25人), monthly activity for large ones (800人次).
      const events = Math.max(1, Math.min(months, whole && goal <= 50 ? Math.min(3, Math.round(goal)) : months));
      let left = whole ? Math.round(total) : total;
      for (let i = 0; i < events && left > 0; i++) {
        const month = Math.max(1, Math.round(((i + 1) * months) / events));
        const part = i === events - 1 ? left : whole ? Math.max(1, Math.round((left / (events - i)) * (0.6 + rand() * 0.8))) : left / (events - i);
        const amount = Math.min(part, left);
        left -= amount;
        // Targets in 元 or 万元: convert in the target's own unit, to whole fen.
        if (measure === 'money') push(n.id, month, { amountFen: Math.round(amount * (t.unit === '元' ? FEN_PER_YUAN : FEN_PER_WAN)) });
        else push(n.id, month, { amount });
      }
    } else if (measure === 'rate' || measure === 'satisfaction') {
      const target = t.op === 'RANGE' ? ((t.value ?? 0) + (t.max ?? 100)) / 2 : goal;
      const every = measure === 'satisfaction' ? 6 : 1; // surveys twice a year, rates monthly
      for (let m = every; m <= months; m += every) {
        const denominator = measure === 'satisfaction' ? 150 + Math.floor(rand() * 100) : 20 + Math.floor(rand() * 40);
        // Mostly a little above target, now and then just below: a sample that is all green or all red shows nothing.
        const ratio = Math.min(1, (target / 100) * (0.985 + rand() * 0.08));
        push(n.id, m, { numerator: Math.min(denominator, Math.round(denominator * ratio)), denominator });
      }
    } else if (measure === 'deadline' && t.date && months === 12) {
      const [, dm] = t.date.split('-').map(Number) as [number, number, number];
      push(n.id, dm, { done: true, note: '示例：工作已完成' });
    } else if (measure === 'manual' && t.op === 'QUAL' && months >= 6) {
      push(n.id, months, { band: rand() < 0.7 ? 'achieved' : 'partial' });
    }
  }

  // Spending: each budget line executed monthly to 90–99% of its amount over the year.
  const spending: SampleSpending[] = [];
  for (const l of lines) {
    const total = (l.fiscalFen + l.otherFen) * (0.9 + rand() * 0.09) * share;
    const perMonth = Math.floor(total / Math.max(1, months) / 100) * 100; // whole 元
    for (let m = 1; m <= months && perMonth > 0; m++) {
      spending.push({ budgetLineId: l.id, date: dated(m, 25), amountFen: perMonth, note: `示例：${l.name}` });
    }
  }
  return { entries, spending };
}
