import type { Id, IsoDateTime } from '@/domain/model';

/**
 * Stored shapes. Domain records (Unit, Plan, BudgetLine, IndicatorNode) are plain data and are stored as they are;
 * the types below exist only in storage.
 */

/** One row per change, written in the same transaction as the change: the audit trail and, later, the sync log. */
export interface AuditRecord {
  id: Id;
  at: IsoDateTime;
  entity: 'unit' | 'plan' | 'budgetLine' | 'indicator' | 'entry' | 'spending' | 'sample' | 'backup' | 'bundle' | 'sync' | 'round' | 'evaluation';
  entityId: Id;
  planId?: Id;
  action: 'create' | 'update' | 'delete' | 'restore' | 'seed' | 'import' | 'submit' | 'finalise' | 'supersede' | 'merge';
  /** Fields that changed, with their previous values, for updates; a short description otherwise. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}
