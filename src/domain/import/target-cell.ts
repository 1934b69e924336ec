import { parsePoints } from '../points';
import { toHalfWidth } from '../targets/numbers';
import type { RowNote } from './types';

/**
 * 指标性质 as FASP2 and other systems export it (≥ ＞ ＝ ＜ ≤ 定性, or their words, or 正向/反向), to the sign written
 * in front of a bare figure. '' = no sign to add (＝ is the bare-number form; 定性 has no figure).
 */
const NATURE_SIGNS: readonly [RegExp, string][] = [
  [/^(?:≥|>=|大于等于|不低于|不少于|正向(?:指标)?)$/, '≥'],
  [/^(?:>|大于|高于)$/, '>'],
  [/^(?:=|等于|定量(?:指标)?)$/, ''],
  [/^(?:<|小于|低于)$/, '<'],
  [/^(?:≤|<=|小于等于|不高于|不超过|反向(?:指标)?)$/, '≤'],
  [/^(?:定性(?:指标)?)$/, ''],
];

function signOf(nature: string): string | null {
  const key = toHalfWidth(nature).replace(/\s/g, '');
  for (const [re, sign] of NATURE_SIGNS) if (re.test(key)) return sign;
  return null;
}

const DIRECTION_OF_SIGN: Readonly<Record<string, 'up' | 'down'>> = { '≥': 'up', '>': 'up', '≤': 'down', '<': 'down' };
const LEADING_OP = /^(?:≥|>=|>|≤|<=|<|不少于|不低于|大于|高于|超过|至少|不超过|不高于|小于|低于|少于|控制在)/;
const directionOfText = (t: string): 'up' | 'down' | null => {
  const m = LEADING_OP.exec(t);
  if (!m) return null;
  return /^(?:≥|>=|>|不少于|不低于|大于|高于|超过|至少)/.test(m[0]) ? 'up' : 'down';
};

/**
 * The target text to store from the 指标值 cell and, where the sheet has them, the 指标性质 and 计量单位 cells:
 * composeTarget('90', '≥', '%') → { text: '≥90%', notes: [composed] }; composeTarget('≥９０％', '', '') → '≥９０％'.
 * Spaces are dropped as the editor drops them; a sign or unit is only added to a bare figure, never over what the
 * cell itself says.
 */
export function composeTarget(cell: string, nature: string, unit: string): { text: string; notes: RowNote[] } {
  let text = cell.trim().replace(/\s+/g, '');
  const notes: RowNote[] = [];
  const half = toHalfWidth(text);
  const addedUnit = unit.trim() !== '' && /\d$/.test(half) ? unit.trim().replace(/\s+/g, '') : '';
  const sign = nature.trim() === '' ? null : signOf(nature);
  const addedSign = sign !== null && sign !== '' && /^\d/.test(half) ? sign : '';
  if (addedUnit !== '' || addedSign !== '') {
    text = `${addedSign}${text}${addedUnit}`;
    notes.push({ code: 'composed', params: { nature: nature.trim(), unit: unit.trim() } });
  }
  const want = sign ? DIRECTION_OF_SIGN[sign] : undefined;
  const has = directionOfText(toHalfWidth(text));
  if (want && has && want !== has) notes.push({ code: 'natureConflict', params: { nature: nature.trim() } });
  return { text, notes };
}

/**
 * 分值 as points: '3.58' → 358, '５分' → 500, '10%' → 1000 (a weight written as a share of 100), '' → null without a
 * note, anything else (negative, over 100, three decimals, words) → null with a note.
 */
export function parseWeight(cell: string): { weightCp: number | null; note?: RowNote } {
  const s = toHalfWidth(cell).replace(/\s/g, '').replace(/(?:分|%)$/, '');
  if (s === '') return { weightCp: null };
  const cp = parsePoints(s);
  if (cp === null || cp > 10_000) return { weightCp: null, note: { code: 'badWeight', params: { text: cell.trim() } } };
  return { weightCp: cp };
}
