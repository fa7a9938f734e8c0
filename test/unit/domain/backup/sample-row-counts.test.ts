import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROW_COUNT_SAMPLE, compareRowCounts, sampleTables, stableRowCounts, type CountTaken } from '../../../../shared/domain/backup/sample-row-counts.js';
import type { BackupTable } from '../../../../shared/domain/backup/backup-model.js';

const table = (name: string): BackupTable => {
  const [keyspace = '', t = ''] = name.split('.');
  return { keyspace, table: t, tableId: `id-${name}` };
};
const names = (tables: BackupTable[]) => tables.map((t) => `${t.keyspace}.${t.table}`);
const count = (name: string, rows?: number): CountTaken => {
  const [keyspace = '', t = ''] = name.split('.');
  return { keyspace, table: t, ...(rows === undefined ? {} : { rows }) };
};

describe('sampleTables', () => {
  const tables = ['shop.orders', 'shop.items', 'shop.carts', 'auth.users', 'audit.events', 'audit.logins'].map(table);

  const cases: [string, number, string[]][] = [
    ['one table of each keyspace first, keyspaces and tables in name order', 3, ['audit.events', 'auth.users', 'shop.carts']],
    ['then a second round over the keyspaces that still have tables', 5, ['audit.events', 'auth.users', 'shop.carts', 'audit.logins', 'shop.items']],
    ['stops inside a round at the limit', 4, ['audit.events', 'auth.users', 'shop.carts', 'audit.logins']],
    ['every table when the limit exceeds them', 50, ['audit.events', 'auth.users', 'shop.carts', 'audit.logins', 'shop.items', 'shop.orders']],
    ['fewer keyspaces than the limit in the first round', 2, ['audit.events', 'auth.users']],
    ['nothing with a limit of 0', 0, []],
  ];
  for (const [name, limit, expected] of cases) {
    it(`${name} (limit ${limit})`, () => assert.deepEqual(names(sampleTables(tables, limit)), expected));
  }

  it(`takes ${ROW_COUNT_SAMPLE.tables} tables by default`, () => {
    const many = Array.from({ length: 12 }, (_, i) => table(`ks${i % 3}.t${String(i).padStart(2, '0')}`));
    const sampled = sampleTables(many);
    assert.equal(sampled.length, ROW_COUNT_SAMPLE.tables);
    assert.deepEqual(names(sampled), ['ks0.t00', 'ks1.t01', 'ks2.t02', 'ks0.t03', 'ks1.t04']);
  });

  it('samples a single keyspace in table name order', () => {
    assert.deepEqual(names(sampleTables(['ks.c', 'ks.a', 'ks.b'].map(table), 2)), ['ks.a', 'ks.b']);
  });

  it('returns nothing for a schema without tables, and leaves its input in its order', () => {
    assert.deepEqual(sampleTables([], 5), []);
    const input = ['b.x', 'a.y'].map(table);
    sampleTables(input, 5);
    assert.deepEqual(names(input), ['b.x', 'a.y']);
  });

  it('keeps the table ids of the tables it picks', () => {
    assert.deepEqual(sampleTables([table('ks.t')], 1), [{ keyspace: 'ks', table: 't', tableId: 'id-ks.t' }]);
  });
});

describe('stableRowCounts', () => {
  it('keeps a table counted the same before and after', () => {
    assert.deepEqual(stableRowCounts([count('ks.a', 10)], [count('ks.a', 10)]), [{ keyspace: 'ks', table: 'a', rows: 10 }]);
  });

  it('keeps a table that was empty both times (0 is a count)', () => {
    assert.deepEqual(stableRowCounts([count('ks.a', 0)], [count('ks.a', 0)]), [{ keyspace: 'ks', table: 'a', rows: 0 }]);
  });

  const dropped: [string, CountTaken[], CountTaken[]][] = [
    ['written to in between (counts differ)', [count('ks.a', 10)], [count('ks.a', 11)]],
    ['counted before only', [count('ks.a', 10)], []],
    ['counted after only', [], [count('ks.a', 10)]],
    ['past the cap before', [count('ks.a')], [count('ks.a', 10)]],
    ['past the cap after', [count('ks.a', 10)], [count('ks.a')]],
    ['past the cap both times', [count('ks.a')], [count('ks.a')]],
  ];
  for (const [name, before, after] of dropped) {
    it(`leaves out a table ${name}`, () => assert.deepEqual(stableRowCounts(before, after), []));
  }

  it('matches tables by keyspace and table, not by position or by table name alone', () => {
    const before = [count('ks1.t', 5), count('ks2.t', 7), count('ks2.u', 9)];
    const after = [count('ks2.u', 9), count('ks2.t', 8), count('ks1.t', 5)];
    assert.deepEqual(stableRowCounts(before, after), [{ keyspace: 'ks1', table: 't', rows: 5 }, { keyspace: 'ks2', table: 'u', rows: 9 }]);
  });
});

describe('compareRowCounts', () => {
  it('finds nothing wrong when every recorded count is held', () => {
    assert.deepEqual(compareRowCounts([{ keyspace: 'ks', table: 'a', rows: 3 }], [count('ks.a', 3), count('ks.other', 99)]), []);
  });

  it('finds nothing to compare when the backup recorded no counts', () => {
    assert.deepEqual(compareRowCounts([], [count('ks.a', 3)]), []);
  });

  it('names each differing table with both counts, one line per table, in the recorded order', () => {
    const recorded = [{ keyspace: 'ks', table: 'a', rows: 3 }, { keyspace: 'ks', table: 'b', rows: 4 }, { keyspace: 'ks2', table: 'c', rows: 5 }];
    const lines = compareRowCounts(recorded, [count('ks.a', 2), count('ks.b', 4), count('ks2.c', 6)]);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^ks\.a: .*\b3 rows\b.*\b2\b/);
    assert.match(lines[1]!, /^ks2\.c: .*\b5 rows\b.*\b6\b/);
  });

  it('names a recorded table the restore could not count (missing, or past the cap) as unknown', () => {
    const recorded = [{ keyspace: 'ks', table: 'a', rows: 3 }, { keyspace: 'ks', table: 'b', rows: 4 }];
    const lines = compareRowCounts(recorded, [count('ks.b')]);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^ks\.a: .*3 rows.*unknown/);
    assert.match(lines[1]!, /^ks\.b: .*4 rows.*unknown/);
  });

  it('takes a restored table with no rows as a difference from a recorded count, not as unknown', () => {
    const [line] = compareRowCounts([{ keyspace: 'ks', table: 'a', rows: 3 }], [count('ks.a', 0)]);
    assert.match(line!, /^ks\.a: .*3 rows.*\b0\b/);
    assert.doesNotMatch(line!, /unknown/);
  });
});
