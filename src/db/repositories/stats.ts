import { db } from '../database';

export function countPlans(): Promise<number> {
  return db().plans.count();
}

/** What a restore would replace, for its confirmation. */
export async function countCurrent(): Promise<{ plans: number; entries: number; spending: number }> {
  const d = db();
  const [plans, entries, spending] = await Promise.all([d.plans.count(), d.entries.count(), d.spending.count()]);
  return { plans, entries, spending };
}
