import { PreparedStatements } from './prepared-statements.js';

describe('PreparedStatements', () => {
  it('names a text from its second sending on, the same name on every connection', () => {
    const statements = new PreparedStatements({ enabled: true });
    const [one, two] = [{}, {}];
    expect(statements.statement(one, 'SELECT 1', []).name).toBeUndefined();
    const name = statements.statement(one, 'SELECT 1', []).name;
    expect(name).toMatch(/^crm_\d+$/);
    expect(statements.statement(two, 'SELECT 1', [])).toEqual({ name, text: 'SELECT 1', values: [] });
    expect(statements.statement(one, 'SELECT 2', []).name).toBeUndefined();
  });

  it('names at most perConnection statements on one connection, and counts at most trackedTexts texts', () => {
    const statements = new PreparedStatements({ enabled: true, perConnection: 2, trackedTexts: 3 });
    const [full, other] = [{}, {}];
    for (const text of ['a', 'b', 'c', 'd']) statements.statement(full, text, []);
    // 'd' was the fourth text: never counted, so never named.
    const second = ['a', 'b', 'c', 'd'].map((text) => statements.statement(full, text, []).name);
    expect(second.filter(Boolean)).toHaveLength(2);
    expect(second[3]).toBeUndefined();
    // The third text is named, but this connection is full: another connection takes it.
    expect(second[2]).toBeUndefined();
    expect(statements.statement(other, 'c', []).name).toMatch(/^crm_\d+$/);
  });

  it('sends a text unnamed for good once its named form went stale, and nothing named when turned off', () => {
    const statements = new PreparedStatements({ enabled: true });
    const connection = {};
    statements.statement(connection, 'SELECT * FROM t', []);
    const named = statements.statement(connection, 'SELECT * FROM t', []);
    expect(statements.staleAfter({ code: '0A000', message: 'cached plan must not change result type' }, named)).toBe(true);
    expect(statements.statement(connection, 'SELECT * FROM t', []).name).toBeUndefined();
    expect(statements.staleAfter({ code: '23505', message: 'duplicate key' }, named)).toBe(false);

    const off = new PreparedStatements({ enabled: false });
    off.statement(connection, 'SELECT 1', []);
    expect(off.statement(connection, 'SELECT 1', [])).toEqual({ text: 'SELECT 1', values: [] });
  });
});
