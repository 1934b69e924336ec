import { db } from '../database';

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await db().meta.get(key))?.value as T | undefined;
}

export function setMeta(key: string, value: unknown): Promise<string> {
  return db().meta.put({ key, value });
}
