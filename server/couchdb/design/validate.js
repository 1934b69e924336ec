// The server-side rules of a unit database (issue #11): CouchDB runs this function for every write, including each
// document of `_bulk_docs`, the path replication uses. Plain ES5 on purpose — CouchDB 3 runs it in SpiderMonkey or
// QuickJS, pouchdb-server in Node — with no `require` and no outside state. design/index.mjs turns it into the
// `_design/jixiao` document (as an anonymous function, the form CouchDB expects).
//
// Document shape (one doc per app record, produced by the client bridge):
//   _id       "<table>:<recordId>"
//   table     the table, equal to the _id prefix
//   unitId    the unit the record belongs to: must be the database's unit
//   record    the app record as stored (record.id equals recordId)
//   versions  per-field version metadata, opaque here
//   updatedBy the writer's CouchDB user name
// Deletions keep the fields: `{...doc, _deleted: true}` (a bare tombstone is refused: it names no unit).
//
// The database's unit is the design document's `unitId` field: CouchDB calls this function with the design document
// as `this` (share/server/validate.js: fun.apply(ddoc, args)), and so does pouchdb-server. The `_security` members
// role `unit-<unitId>` must agree when it is given (pouchdb-server passes no security object inside `_bulk_docs`).
//
// Refusals are `{forbidden: "<code>: <text>"}` (403) or `{unauthorized: ...}` (401); codes: shape, unit, locked,
// audit, design. A client reads the code before the colon.
//
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function validate_doc_update(newDoc, oldDoc, userCtx, secObj) {
  'use strict';

  var TABLES = ['units', 'plans', 'budgetLines', 'indicators', 'entries', 'spending', 'rounds', 'evaluations', 'audit'];
  // Locked status of the versioned tables and the fields the one allowed change (to superseded) may touch
  // (src/db/repositories/versioned.ts, lockDraft).
  var LOCKED = { rounds: 'submitted', evaluations: 'final' };
  var STATUSES = { rounds: ['draft', 'submitted', 'superseded'], evaluations: ['draft', 'final', 'superseded'] };
  var SUPERSEDE_FIELDS = ['status', 'supersededBy', 'supersededAt', 'rev', 'updatedAt'];
  var ROLE_PREFIX = 'unit-';

  function forbid(code, text) {
    throw { forbidden: code + ': ' + text };
  }
  function has(list, value) {
    for (var i = 0; i < list.length; i++) if (list[i] === value) return true;
    return false;
  }
  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
  function nonEmpty(v) {
    return typeof v === 'string' && v.length > 0;
  }
  // Deep equality of JSON values, key order ignored.
  function same(a, b) {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    var ka = Object.keys(a);
    var kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(b, ka[i]) || !same(a[ka[i]], b[ka[i]])) return false;
    }
    return true;
  }
  // Equality of two records except the listed fields.
  function sameExcept(a, b, except) {
    var keys = Object.keys(a).concat(Object.keys(b));
    for (var i = 0; i < keys.length; i++) {
      if (has(except, keys[i])) continue;
      if (!same(a[keys[i]], b[keys[i]])) return false;
    }
    return true;
  }

  var roles = (userCtx && userCtx.roles) || [];
  var name = userCtx && userCtx.name;
  var isServerAdmin = has(roles, '_admin');

  // CouchDB lets only database admins write design docs; here only server admins (setup.mjs) do.
  if (String(newDoc._id).indexOf('_design/') === 0) {
    if (!isServerAdmin) throw { unauthorized: 'design: only a server admin changes the rules' };
    return;
  }

  if (!nonEmpty(name)) throw { unauthorized: 'unit: sign in first' };

  // The database's unit, from the design document; the members' unit role must not name another.
  var dbUnit = this && this.unitId;
  if (!nonEmpty(dbUnit)) forbid('unit', 'the design document names no unitId');
  var unitRole = ROLE_PREFIX + dbUnit;
  var sec = secObj || {};
  var members = sec.members || {};
  var memberRoles = members.roles || [];
  for (var r = 0; r < memberRoles.length; r++) {
    var role = memberRoles[r];
    if (typeof role === 'string' && role.indexOf(ROLE_PREFIX) === 0 && role !== unitRole) {
      forbid('unit', 'the database is unit ' + dbUnit + ' but its _security admits ' + role);
    }
  }

  // The writer must belong to the unit (CouchDB already checks membership; this keeps the rule explicit).
  if (memberRoles.length || (members.names || []).length) {
    var admins = sec.admins || {};
    var isDbAdmin = has(admins.names || [], name);
    for (var a = 0; a < (admins.roles || []).length; a++) if (has(roles, admins.roles[a])) isDbAdmin = true;
    if (!isServerAdmin && !isDbAdmin && !has(roles, unitRole) && !has(members.names || [], name)) {
      throw { unauthorized: 'unit: ' + name + ' is not a member of unit ' + dbUnit };
    }
  }

  // Shape.
  var id = String(newDoc._id);
  var colon = id.indexOf(':');
  var table = colon > 0 ? id.slice(0, colon) : '';
  var recordId = colon > 0 ? id.slice(colon + 1) : '';
  var deleting = newDoc._deleted === true;
  if (deleting && newDoc.table === undefined && newDoc.unitId === undefined) {
    forbid('shape', id + ': a deletion keeps the doc\'s fields ({...doc, _deleted: true}), a bare tombstone names no unit');
  }
  if (!has(TABLES, table) || !nonEmpty(recordId)) forbid('shape', 'the id must be <table>:<recordId> with a known table, not ' + id);
  if (newDoc.table !== table) forbid('shape', id + ': field table must be ' + table);
  if (newDoc.unitId !== dbUnit) forbid('unit', id + ' belongs to unit ' + newDoc.unitId + ', this database is unit ' + dbUnit);
  if (!nonEmpty(newDoc.updatedBy)) forbid('shape', id + ': updatedBy (the writer) is missing');
  var rec = newDoc.record;
  if (!deleting || rec !== undefined) {
    if (!isObject(rec)) forbid('shape', id + ': record must be an object');
    if (rec.id !== recordId) forbid('shape', id + ': record.id must be ' + recordId);
    if (rec.unitId !== undefined && rec.unitId !== dbUnit) forbid('unit', id + ': record.unitId ' + rec.unitId + ' is not unit ' + dbUnit);
    if (table === 'units' && recordId !== dbUnit) forbid('unit', id + ' is another unit than ' + dbUnit);
    if (STATUSES[table] && !has(STATUSES[table], rec.status)) forbid('shape', id + ': unknown status ' + rec.status);
  }

  // Audit: append-only, written under the writer's own name.
  if (table === 'audit') {
    if (oldDoc) forbid('audit', id + ': audit records are never changed or deleted');
    if (deleting) forbid('audit', id + ': audit records are never deleted');
    if (!isServerAdmin) {
      // A server admin may copy audit records written by others (backup, restore).
      if (newDoc.updatedBy !== name) forbid('audit', id + ': updatedBy must be the writer, ' + name);
      if (rec.by !== undefined && rec.by !== name) forbid('audit', id + ': record.by must be the writer, ' + name);
    }
    return;
  }

  // Rounds and evaluations: once locked (submitted / final) only the marking as superseded changes; superseded is
  // final. Unchanged content (only the versions metadata or writer rewritten) is not a change.
  var locked = LOCKED[table];
  if (locked && oldDoc && !oldDoc._deleted && isObject(oldDoc.record)) {
    var old = oldDoc.record;
    if (old.status === locked || old.status === 'superseded') {
      if (deleting) forbid('locked', id + ' is ' + old.status + ' and is never deleted');
      if (same(old, rec)) return;
      if (old.status === 'superseded') forbid('locked', id + ' is superseded and never changes');
      if (rec.status !== 'superseded' || !nonEmpty(rec.supersededBy)) {
        forbid('locked', id + ' is ' + locked + ': a change is a new version, this one can only be marked superseded');
      }
      if (!sameExcept(old, rec, SUPERSEDE_FIELDS)) {
        forbid('locked', id + ' is ' + locked + ': marking it superseded may change only ' + SUPERSEDE_FIELDS.join(', '));
      }
    }
  }
}
