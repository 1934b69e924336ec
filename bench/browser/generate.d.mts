/** Types of generate.mjs for the TypeScript that imports it. */
export const YEAR: number;
export const CACHE: string;
export function generateData(opts?: { units?: number; plansPerUnit?: number; entries?: number; seed?: number }): Promise<Record<string, unknown[]>>;
export function backupText(data: Record<string, unknown[]>): string;
export function districtFile(opts?: { units?: number; entries?: number; out?: string }): Promise<string>;
