/** Types of first-sync.mjs for the TypeScript that imports it (tests/e2e/first-sync.e2e.ts). */
export interface FirstSyncFigures {
  size: { plans: number; indicators: number; entries: number; documents: number };
  uploadMs: number;
  firstSyncMs: number;
  docsPerS: number;
  longestTaskMs: number;
  longTasks: number;
  navigationMs: number | null;
  heapMb: number;
  progressShown: number;
  counts: Record<string, number>;
  expected: Record<string, number>;
  samples: { t: number; phase: string | null; received: number | null; chip: string }[];
}
export function measureFirstSync(opts: { plans?: number; entries?: number; distDir: string; log?: (line: string) => void; shot?: string | null; timeoutS?: number }): Promise<FirstSyncFigures>;
