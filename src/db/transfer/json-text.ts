/** Reading and sealing exchange files (backups, bundles): shared so both refuse the same things the same way. */

/** Keys that could reach an object's prototype if a later spread or assign trusted them: dropped while parsing. */
const POISON = new Set(['__proto__', 'constructor', 'prototype']);

export function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text, (key, value: unknown) => (POISON.has(key) ? undefined : value)) };
  } catch {
    return { ok: false };
  }
}

/** SHA-256 of a text (as UTF-8) or of a file's bytes, as lowercase hex. */
export async function sha256Hex(text: string | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', typeof text === 'string' ? new TextEncoder().encode(text) : (text as Uint8Array<ArrayBuffer>));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A valibot issue path as "data.entries[3].date". */
export function issuePath(path: readonly { key: unknown }[] | undefined): string {
  return (path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '');
}
