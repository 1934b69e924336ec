// Builds the `_design/jixiao` document of a unit database from validate.js, the one source of the server rules.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const DESIGN_ID = '_design/jixiao';

const HEADER = 'function validate_doc_update(';

/** validate.js as CouchDB wants it: one anonymous function expression, comments before it dropped. */
export function validateSource() {
  const file = readFileSync(new URL('./validate.js', import.meta.url), 'utf8');
  const at = file.indexOf(HEADER);
  if (at < 0) throw new Error(`validate.js must declare ${HEADER}…)`);
  return `function (${file.slice(at + HEADER.length).trim()}`;
}

/**
 * The design document of one unit's database. `unitId` is the unit whose records the database holds (the rules read
 * it as `this.unitId`); `rules` names the version of the rules (a hash of the source, the same for every unit), so a
 * server can be checked for being up to date without comparing the code.
 */
export function designDoc(unitId) {
  if (typeof unitId !== 'string' || !unitId) throw new Error('designDoc needs the unit id');
  const source = validateSource();
  const rules = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return { _id: DESIGN_ID, language: 'javascript', unitId, rules, validate_doc_update: source };
}
