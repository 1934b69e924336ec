import { defineStore } from 'pinia';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { listAudit } from '@/db/repositories/audit';
import type { AuditRecord } from '@/db/records';

/** The most recent changes, newest first, live across tabs. */
export const useAuditStore = defineStore('audit', () => {
  const { data: recent } = useLiveQuery(() => 0, () => listAudit(30), [] as AuditRecord[]);
  return { recent };
});
