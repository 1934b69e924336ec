import { describe, expect, it } from 'vitest';
import { seqCount } from '@/sync/bridge';

describe('seqCount: a feed position as a count of changes (the first sync’s “left on the server”)', () => {
  it('takes pouchdb-server’s numbers as they are and the numeric prefix of CouchDB 3’s clustered positions', () => {
    expect(seqCount(1234)).toBe(1234);
    expect(seqCount('1034001-g1AAAAFTeJzLYWBg4MhgTmEQTM4vTc5ISXIwNDLXMzHXMzI0Mcgy')).toBe(1034001);
    expect(seqCount('0')).toBe(0);
  });
  it('knows nothing of a position without one (no estimate rather than a wrong one)', () => {
    expect(seqCount(undefined)).toBeNull();
    expect(seqCount('now')).toBeNull();
  });
});
