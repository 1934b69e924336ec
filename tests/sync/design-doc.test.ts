// @vitest-environment node
/** The design document built from server/couchdb/design/validate.js, checked without a server. */
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { DESIGN_ID, designDoc, validateSource } from '../../server/couchdb/design/index.mjs';

describe('_design/jixiao', () => {
  it('is one anonymous function in ES5, which every CouchDB JavaScript engine runs', () => {
    const source = validateSource();
    expect(source).toMatch(/^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
    const program = parse(`(${source})`, { ecmaVersion: 5 });
    expect(program.body).toHaveLength(1);
    expect(program.body[0]!.type).toBe('ExpressionStatement');
  });

  it('names its unit; the rules version is the same for every unit', () => {
    const a = designDoc('unit-a');
    const b = designDoc('unit-b');
    expect(a).toMatchObject({ _id: DESIGN_ID, language: 'javascript', unitId: 'unit-a' });
    expect(a.rules).toMatch(/^[0-9a-f]{16}$/);
    expect(a.rules).toBe(b.rules);
    expect(() => designDoc('')).toThrow();
  });

  it('reads the unit from the design document it is called on', () => {
    const fn = new Function(`return (${validateSource()});`)() as (this: unknown, ...args: unknown[]) => void;
    const doc = { _id: 'plans:p1', table: 'plans', unitId: 'u1', record: { id: 'p1' }, versions: {}, updatedBy: 'alice' };
    const user = { name: 'alice', roles: ['unit-u1'] };
    const sec = { members: { roles: ['unit-u1'] } };
    expect(() => fn.call(designDoc('u1'), doc, null, user, sec)).not.toThrow();
    expect(() => fn.call(designDoc('u2'), doc, null, user, sec)).toThrow(expect.objectContaining({ forbidden: expect.stringMatching(/^unit: /) }));
    expect(() => fn.call(undefined, doc, null, user, sec)).toThrow(expect.objectContaining({ forbidden: expect.stringMatching(/^unit: /) }));
    // A database whose _security admits another unit than its design document is refused outright.
    expect(() => fn.call(designDoc('u1'), doc, null, user, { members: { roles: ['unit-u9'] } })).toThrow(expect.objectContaining({ forbidden: expect.stringMatching(/^unit: /) }));
  });
});
