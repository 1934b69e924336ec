/** Types of first-sync.mjs for the TypeScript that imports it (tests/e2e/first-sync.e2e.ts). */
export interface FirstSyncFigures {
  size: { plans: number; indicators: number; entries: number; documents: number };
  uploadMs: number;
  firstSyncMs: number;
  docsPerS: number;
  longestTaskMs: number;
  longTasks: number;
  /** Each long task: ms after sign-in, its length, the scripts of the long animation frames overlapping it. */
  longTaskList: { at: number; ms: number; frames: { ms: number; renderMs: number }[]; scripts: { ms: number; invoker: string; type: string; fn: string; src: string; layoutMs: number }[] }[];
  /** When the half-way page change began, ms after sign-in. */
  navigationAt: number | null;
  navigationMs: number | null;
  heapMb: number;
  progressShown: number;
  counts: Record<string, number>;
  expected: Record<string, number>;
  samples: { t: number; phase: string | null; received: number | null; chip: string }[];
}
export function measureFirstSync(opts: { plans?: number; entries?: number; distDir: string; log?: (line: string) => void; shot?: string | null; timeoutS?: number }): Promise<FirstSyncFigures>;
