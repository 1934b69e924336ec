import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeed } from '@/domain/seed/build';
import { buildTargetTable } from '@/documents/targetTable';
import { buildEvaluationDocument } from '@/documents/evaluationForms';
import { buildReport } from '@/documents/report';
import { checkTable, type Block, type DocumentModel } from '@/documents/model';
import { card, evaluationRecord } from './card';

/** The contract of src/documents/README.md: pure, importing only the domain, every table drawable. */

const SRC = resolve(process.cwd(), 'src');
const DOCS = join(SRC, 'documents');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'render' ? [] : files(p);
    return f.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => {
    const s = m[1] ?? m[2]!;
    if (s.startsWith('@/')) return s.slice(2);
    if (s.startsWith('.')) return relative(SRC, resolve(dirname(file), s));
    return s;
  });
}

describe('src/documents contract', () => {
  const sources = files(DOCS);

  it('imports only src/domain and its own folder (no db, stores, vue, renderer libraries)', () => {
    expect(sources.length).toBeGreaterThan(5);
    const offences = sources.flatMap((f) => importsOf(f).filter((t) => !t.startsWith('domain/') && !t.startsWith('documents/')).map((t) => `${relative(SRC, f)} → ${t}`));
    expect(offences).toEqual([]);
  });

  it('never reads the clock or a random source', () => {
    const offences = sources.filter((f) => /Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/.test(readFileSync(f, 'utf8')));
    expect(offences.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('every table of every document (attachments included) lays out on a full grid; builds are repeatable', () => {
    let n = 0;
    const s = buildSeed({ newId: () => `id-${++n}`, now: '2022-01-01T00:00:00.000Z' });
    const c = card();
    const docs: DocumentModel[] = [
      ...s.plans.map((p) => buildTargetTable({ unit: s.unit, plan: p.plan, lines: p.budgetLines, nodes: p.indicators, date: '2022-01-01' })),
      buildEvaluationDocument({ evaluation: evaluationRecord(c.form()), layout: 'project' }),
      buildEvaluationDocument({ evaluation: evaluationRecord(c.form()), layout: 'unit' }),
      buildReport({ evaluation: evaluationRecord(c.form()), unit: c.p.unit }),
    ];
    const all = (blocks: readonly Block[]): Block[] => blocks.flatMap((b) => (b.kind === 'attachment' ? [b, ...all(b.document.blocks)] : [b]));
    let tables = 0;
    for (const d of docs) {
      for (const b of all(d.blocks)) {
        if (b.kind !== 'table') continue;
        tables++;
        expect(() => checkTable(b)).not.toThrow();
        // Numbers are finite wherever a value is given, and only with a number format.
        for (const cell of [...b.headRows, ...b.bodyRows].flat()) {
          if (cell.value !== undefined) {
            expect(Number.isFinite(cell.value)).toBe(true);
            expect(cell.format).not.toBe('text');
          }
        }
      }
      expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    }
    expect(tables).toBeGreaterThan(20);
    expect(buildReport({ evaluation: evaluationRecord(c.form()), unit: c.p.unit })).toEqual(docs.at(-1));
  });
});
