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
    this.name = 'NotFoundError';
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
