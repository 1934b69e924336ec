import { XLSX_LIMITS } from './limits';
import type { FileProblemCode } from './types';

/**
 * Measures an .xlsx before the spreadsheet library sees it: a zip with a workbook inside, every entry inflated with a
 * running count (a zip bomb is stopped at the cap, whatever its headers claim), the merges of every sheet counted and
 * its rows with cells counted, so no file can make the library build millions of objects.
 */

export type ZipCheck = { ok: true } | { ok: false; code: FileProblemCode; params?: Record<string, string | number> };

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

const u16 = (b: Uint8Array, p: number) => b[p]! | (b[p + 1]! << 8);
const u32 = (b: Uint8Array, p: number) => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

function isOle(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

/** The central directory, or a problem code; no data is inflated here. */
export function readDirectory(b: Uint8Array): Entry[] | FileProblemCode {
  if (b.length === 0) return 'empty';
  if (isOle(b)) return 'legacyXls';
  if (b.length < 22 || u32(b, 0) !== 0x04034b50) return 'notXlsx';
  let eocd = -1;
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--) {
    if (u32(b, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return 'broken'; // truncated: the end record is gone
  const count = u16(b, eocd + 10);
  const size = u32(b, eocd + 12);
  const start = u32(b, eocd + 16);
  if (count === 0xffff || start === 0xffffffff) return 'zipBomb'; // zip64: no workbook of ours needs it
  if (start + size > eocd) return 'broken';
  if (count > XLSX_LIMITS.entries) return 'zipBomb';
  const entries: Entry[] = [];
  const names = new TextDecoder();
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(b, p) !== 0x02014b50) return 'broken';
    const nameLength = u16(b, p + 28);
    const entry = {
      method: u16(b, p + 10),
      compressed: u32(b, p + 20),
      size: u32(b, p + 24),
      offset: u32(b, p + 42),
      name: names.decode(b.subarray(p + 46, p + 46 + nameLength)),
    };
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff) return 'zipBomb';
    if (entry.method !== 0 && entry.method !== 8) return 'broken';
    entries.push(entry);
    p += 46 + nameLength + u16(b, p + 30) + u16(b, p + 32);
  }
  return entries;
}

/** Inflates one entry, stopping as soon as it passes `room` bytes; null when it does, throws when damaged. */
async function inflate(b: Uint8Array, e: Entry, room: number): Promise<Uint8Array | null> {
  if (u32(b, e.offset) !== 0x04034b50) throw new Error('bad local header');
  const start = e.offset + 30 + u16(b, e.offset + 26) + u16(b, e.offset + 28);
  const data = b.slice(start, start + e.compressed);
  if (data.length !== e.compressed) throw new Error('truncated entry');
  if (e.method === 0) return data.length > room ? null : data;
  const source = new ReadableStream<BufferSource>({
    start(c) {
      c.enqueue(data);
      c.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > room) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const A1 = /<mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"/g;
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Merges and cells they cover in one sheet's XML. */
function mergesIn(xml: string): { merges: number; cells: number } {
  let merges = 0;
  let cells = 0;
  for (const m of xml.matchAll(A1)) {
    merges++;
    const [c1, r1] = [colNumber(m[1]!), Number(m[2])];
    const [c2, r2] = m[3] ? [colNumber(m[3]), Number(m[4])] : [c1, r1];
    cells += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return { merges, cells };
}

/** Rows that hold cells (<row …>…</row>, not the self-closed styled-only <row …/>), and the last such row's number. */
function rowsIn(xml: string): { last: number } {
  let last = 0;
  for (const m of xml.matchAll(/<row\b([^>]*?)(\/?)>/g)) {
    if (m[2] === '/') continue;
    const r = /\br="(\d+)"/.exec(m[1]!);
    last = r ? Number(r[1]) : last + 1;
  }
  return { last };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Sheet file (xl/worksheets/sheet1.xml) → sheet name, from the workbook and its relationships. */
function sheetNames(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const file = rid ? targets.get(rid) : undefined;
    if (name !== undefined && file) out.set(file, unescapeXml(name));
  }
  return out;
}

/** checkXlsxZip(bytes of a truncated file) → { ok: false, code: 'broken' }. */
export async function checkXlsxZip(b: Uint8Array): Promise<ZipCheck> {
  const dir = readDirectory(b);
  if (typeof dir === 'string') return { ok: false, code: dir };
  const byName = new Map(dir.map((e) => [e.name, e]));
  if (!byName.has('[Content_Types].xml') || !byName.has('xl/workbook.xml')) return { ok: false, code: 'notXlsx' };
  const declared = dir.reduce((s, e) => s + e.size, 0);
  if (declared > XLSX_LIMITS.inflatedBytes) return { ok: false, code: 'zipBomb' };

  const text = new TextDecoder();
  const sheets = new Map<string, string>();
  let workbook = '';
  let rels = '';
  let used = 0;
  for (const e of dir) {
    let data: Uint8Array | null;
    try {
      data = await inflate(b, e, Math.min(XLSX_LIMITS.inflatedBytes - used, e.size + 1024));
    } catch {
      return { ok: false, code: 'broken' };
    }
    if (data === null) return { ok: false, code: 'zipBomb' };
    used += data.length;
    if (e.name === 'xl/workbook.xml') workbook = text.decode(data);
    else if (e.name === 'xl/_rels/workbook.xml.rels') rels = text.decode(data);
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) sheets.set(e.name, text.decode(data));
  }

  const names = sheetNames(workbook, rels);
  let merges = 0;
  let cells = 0;
  for (const [file, xml] of sheets) {
    const m = mergesIn(xml);
    merges += m.merges;
    cells += m.cells;
    const { last } = rowsIn(xml);
    if (last > XLSX_LIMITS.hardRows) return { ok: false, code: 'tooManyRows', params: { sheet: names.get(file) ?? file, rows: last } };
  }
  if (merges > XLSX_LIMITS.merges || cells > XLSX_LIMITS.mergedCells) return { ok: false, code: 'tooComplex' };
  return { ok: true };
}
