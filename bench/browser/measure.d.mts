/** Types of measure.mjs for the TypeScript that imports it (tests/e2e/bench-small.e2e.ts). */
export interface StepFigure {
  ms: number | null;
  longestTaskMs: number | null;
  [extra: string]: unknown;
}
export interface RunFigures {
  steps: Record<string, StepFigure>;
  browser: string | null;
  rawWriteMs: number;
  bulkLoadRatio: number;
  writeRatio: number;
  heapAfterLoadMb: number;
  heapAfterReloadMb: number;
  pageErrors: string[];
}
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export function longTaskRecorder(): void;
export const TARGETS: Record<string, number>;
export function runOnce(opts: { baseUrl: string; file: string; counts?: Record<string, number>; log?: (line: string) => void }): Promise<RunFigures>;
export function summarise(runs: RunFigures[], extra?: Record<string, unknown>): Record<string, unknown> & { checks: { what: string; value: number | null; max: number; verdict: string }[] };
export function table(fig: ReturnType<typeof summarise>): string;
export function median(xs: number[]): number;
export function ensureDir(dir: string): string;
