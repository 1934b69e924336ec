import type { EntryError } from './actuals/measure';
import type { SpendingError } from './actuals/spending';
import type { Plan } from './model';

/**
 * Failures every layer may need to recognise. Plain classes, no storage: the database raises them, the UI tells
 * the user what they mean, and neither needs to import the other.
 */

/** Another tab (or an earlier edit) changed the record since it was read: the writer is told, nothing is overwritten. */
export class ConflictError extends Error {
  constructor(readonly entityId: string) {
    super(`record ${entityId} was changed elsewhere`);
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly entityId: string) {
    super(`record ${entityId} not found`);
    // Not 'NotFoundError': Dexie maps errors thrown in a transaction by name onto its own classes (a DOMException of that
    // name exists), which would turn this into Dexie.NotFoundError and defeat every `instanceof` check in the UI.
    this.name = 'RecordNotFoundError';
  }
}

/** The entry was refused; nothing was written. `errors` say which field and why. */
export class EntryInvalidError extends Error {
  constructor(readonly errors: EntryError[]) {
    super(`invalid entry: ${errors.map((e) => `${e.field}:${e.code}`).join(', ')}`);
    this.name = 'EntryInvalidError';
  }
}

export class SpendingInvalidError extends Error {
  constructor(readonly errors: SpendingError[]) {
    super(`invalid spending: ${errors.map((e) => `${e.field}:${e.code}`).join(', ')}`);
    this.name = 'SpendingInvalidError';
  }
}

export class PlanExistsError extends Error {
  constructor(readonly existing: Plan) {
    super(`a ${existing.year} plan named ${existing.name} already exists`);
    this.name = 'PlanExistsError';
  }
}

/** The data as stored would not pass a restore: the export is refused, saying where, rather than giving a useless file. */
export class BackupUnrestorableError extends Error {
  constructor(readonly problems: { where: string; code: string; detail?: string }[]) {
    super(`backup would not restore: ${problems.slice(0, 3).map((p) => `${p.where} ${p.code}`).join('; ')}`);
    this.name = 'BackupUnrestorableError';
  }
}

/** Dexie wraps a quota failure in an AbortError whose inner error is QuotaExceededError (Firefox: NS_ERROR_DOM_QUOTA_REACHED). */
export function isQuotaError(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const name = (cur as { name?: string }).name ?? '';
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    cur = (cur as { inner?: unknown }).inner;
  }
  return false;
}

/** A submitted monitoring round or a finalised evaluation is immutable: corrections make a new version. */
export class LockedError extends Error {
  constructor(readonly entityId: string) {
    super(`record ${entityId} is locked`);
    this.name = 'LockedError';
  }
}

/** Refused to submit or finalise: `problems` name each row and what it lacks. */
export class IncompleteError<P = unknown> extends Error {
  constructor(readonly problems: P[]) {
    super(`incomplete: ${problems.length} problem(s)`);
    this.name = 'IncompleteError';
  }
}

/** A cut-off, date or value outside what the record allows (e.g. a round's cut-off outside its plan year). */
export class InvalidInputError extends Error {
  constructor(readonly field: string, readonly code: string) {
    super(`invalid ${field}: ${code}`);
    this.name = 'InvalidInputError';
  }
}

/** A merge of a colleague's bundle not written: clashes still open, or a result that would break references. */
export class MergeRefusedError extends Error {
  constructor(
    readonly reason: 'clashes' | 'problems',
    readonly problems: readonly { where: string; code: string; detail?: string }[] = [],
  ) {
    super(`merge refused: ${reason}`);
    this.name = 'MergeRefusedError';
  }
}
