import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of shared/architecture.md, checked on every import in src/: data flows view → store →
 * repository → IndexedDB, and every decision lives in pure domain code.
 */
const SRC = resolve(process.cwd(), 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|vue)$/.test(f) ? [p] : [];
  });
}

/** Import targets of a file, as paths relative to src/ ("domain/money") or bare package names ("vue"). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => {
    if (s.startsWith('@/')) return s.slice(2);
    if (s.startsWith('.')) return relative(SRC, resolve(dirname(file), s));
    return s;
  });
}

const layerOf = (path: string) => path.split('/')[0]!;

const FORBIDDEN: Record<string, RegExp[]> = {
  // Pure: no framework, no storage, no charts, nothing else from src.
  domain: [/^(vue|pinia|dexie|echarts|vue-i18n|vue-router)/, /^(db|stores|components|views|charts|composables|i18n)\//],
  db: [/^(vue|pinia|echarts|vue-i18n|vue-router)/, /^(stores|components|views|charts|composables)\//],
  // Stores reach storage only through repositories (and transfer), never the Dexie instance itself.
  stores: [/^(components|views|charts)\//, /^db\/database/, /^dexie/],
  charts: [/^(stores|db|views|dexie)/],
  components: [/^db\//, /^dexie/, /^views\//],
  views: [/^db\//, /^dexie/],
};

describe('architecture: which layer may import which', () => {
  const all = files(SRC);
  for (const [layer, rules] of Object.entries(FORBIDDEN)) {
    it(`${layer}/ imports nothing it must not`, () => {
      const offences: string[] = [];
      for (const f of all.filter((x) => layerOf(relative(SRC, x)) === layer)) {
        for (const target of importsOf(f)) {
          if (rules.some((r) => r.test(target))) offences.push(`${relative(SRC, f)} → ${target}`);
        }
      }
      expect(offences).toEqual([]);
    });
  }

  it('views do not import other views (the router composes them)', () => {
    const offences = all
      .filter((f) => layerOf(relative(SRC, f)) === 'views')
      .flatMap((f) => importsOf(f).filter((t) => t.startsWith('views/')).map((t) => `${relative(SRC, f)} → ${t}`));
    expect(offences).toEqual([]);
  });

  it('the checker sees imports (guards against a regex that matches nothing)', () => {
    expect(importsOf(join(SRC, 'db/repositories/entries.ts'))).toContain('domain/actuals/aggregate');
  });
});
