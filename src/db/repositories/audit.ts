import type { AuditRecord } from '../records';
import { db } from '../database';
import { newId } from '../clock';

/** Adds an audit row; call inside the transaction of the change it records (the audit table must be in scope). */
export function audit(rec: Omit<AuditRecord, 'id'>): Promise<string> {
  return db().audit.add({ id: newId(), ...rec });
}

export function listAudit(limit = 200): Promise<AuditRecord[]> {
  return db().audit.orderBy('at').reverse().limit(limit).toArray();
}

/** When the data began (the oldest audit row), for "never backed up" reminders. */
export async function firstChangeAt(): Promise<string | undefined> {
  return (await db().audit.orderBy('at').first())?.at;
}

/** When anything was last changed (the newest audit row), for "changed since the last backup". */
export async function latestChangeAt(): Promise<string | undefined> {
  return (await db().audit.orderBy('at').last())?.at;
}
