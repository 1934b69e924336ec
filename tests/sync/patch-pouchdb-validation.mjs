// Applied by `npm install` / `npm ci` (the root postinstall script): fixes pouchdb-server 4.2.0's silent loss of
// replicated updates whenever a database has a validate_doc_update (pouchdb-server issue #419, fix PR #420 never
// merged; see /work/shared/sync.md). pouchdb-validation overwrites the incoming doc's `_revisions` with the stored
// doc's, so `_bulk_docs` with `new_edits:false` (the path replication uses) answers 201 and stores nothing. The
// validation functions get a copy instead and the incoming doc is left alone.
//
// Idempotent, no network, test tooling only: a missing package (an install without devDependencies) is not an
// error, and an unknown file only warns; tests/sync/pouchdb-validation-fix.test.ts fails if the fix does not hold.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'node_modules', 'pouchdb-validation');
const BROKEN = 'newDoc._revisions = (oldDoc || {})._revisions;';
const FIXED = 'newDoc = Object.assign({}, newDoc, { _revisions: (oldDoc || {})._revisions }); // jixiao: pouchdb-server#419';

if (!existsSync(pkg)) {
  console.log('patch-pouchdb-validation: pouchdb-validation not installed, nothing to do');
} else {
  for (const file of ['lib/index.js', 'dist/pouchdb-validation.js']) {
    const path = join(pkg, file);
    if (!existsSync(path)) continue;
    const src = readFileSync(path, 'utf8');
    if (src.includes(FIXED)) {
      console.log(`patch-pouchdb-validation: ${file} already fixed`);
    } else if (src.split(BROKEN).length === 2) {
      writeFileSync(path, src.replace(BROKEN, FIXED));
      console.log(`patch-pouchdb-validation: fixed ${file}`);
    } else {
      console.warn(`patch-pouchdb-validation: ${file} does not look like pouchdb-validation 4.2.0; not patched`);
    }
  }
}
