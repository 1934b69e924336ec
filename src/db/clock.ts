import type { RecordFactory } from '@/domain/seed/build';

export const newId = (): string => crypto.randomUUID();
export const nowIso = (): string => new Date().toISOString();

/** A factory for one write: every record of the write gets the same timestamp. */
export function factory(): RecordFactory {
  return { newId, now: nowIso() };
}
