// The error classes live in the domain so the UI can recognise them without importing the database layer.
export { ConflictError, NotFoundError, EntryInvalidError, SpendingInvalidError, PlanExistsError, LockedError, IncompleteError, InvalidInputError, isQuotaError } from '@/domain/errors';
