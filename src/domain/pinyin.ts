/**
 * Pinyin initials for searching Chinese names by Latin letters (宣传资料 → xczl), without shipping a dictionary:
 * in the zh-Hans-CN collation (ICU, present in Chrome, Edge and Node) common Hanzi sort by pinyin, so the first
 * character of each initial's block tells the initial. Polyphones get their most common reading — good enough for
 * a search box, never used for anything stored.
 */
const BOUNDARIES: [string, string][] = [
  ['a', '阿'], ['b', '八'], ['c', '嚓'], ['d', '哒'], ['e', '妸'], ['f', '发'], ['g', '旮'], ['h', '哈'], ['j', '讥'],
  ['k', '咔'], ['l', '垃'], ['m', '妈'], ['n', '拏'], ['o', '噢'], ['p', '妑'], ['q', '七'], ['r', '呥'], ['s', '仨'],
  ['t', '他'], ['w', '屲'], ['x', '夕'], ['y', '丫'], ['z', '帀'],
];

let collator: Intl.Collator | null = null;
const HAN = /[\u4e00-\u9fff]/;

/**
 * Each character's initial, once: names repeat few characters (区属单位…服务项目…), and a district's 1,000 plan and
 * unit names cost 70 ms of start-up when every character walked the boundaries again.
 */
const memo = new Map<string, string>();

/** initial('宣') → 'x'; non-Han characters come back lower-cased, as they are. */
export function initial(ch: string): string {
  if (!HAN.test(ch)) return ch.toLowerCase();
  const known = memo.get(ch);
  if (known !== undefined) return known;
  collator ??= new Intl.Collator('zh-Hans-CN');
  let found = '';
  for (const [letter, first] of BOUNDARIES) {
    if (collator.compare(ch, first) >= 0) found = letter;
    else break;
  }
  memo.set(ch, found || ch);
  return found || ch;
}

/** initials('开展职工服务（人次）') → 'kzzgfw（rc）' */
export function initials(text: string): string {
  return [...text].map(initial).join('');
}
