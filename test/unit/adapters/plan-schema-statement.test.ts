import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planSchemaStatement, splitCqlStatements } from '../../../shared/adapters/cql/plan-schema-statement.js';

const ID = '5a1c0a10-3b4e-11ef-9f27-0f2a1b6c7d8e';

describe('planSchemaStatement', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['CREATE KEYSPACE shop WITH replication = {\'class\': \'SimpleStrategy\', \'replication_factor\': \'3\'}  AND durable_writes = true;',
      'CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {\'class\': \'SimpleStrategy\', \'replication_factor\': \'3\'}  AND durable_writes = true',
      { kind: 'KEYSPACE', keyspace: 'shop', name: 'shop' }],
    ['CREATE TYPE shop.address (\n    street text,\n    zip int\n);', 'CREATE TYPE IF NOT EXISTS shop.address (\n    street text,\n    zip int\n)',
      { kind: 'TYPE', keyspace: 'shop', name: 'address' }],
    [`CREATE TABLE shop."Orders" (\n    id uuid PRIMARY KEY\n) WITH ID = ${ID}\n    AND comment = 'a; b';`,
      `CREATE TABLE IF NOT EXISTS shop."Orders" (\n    id uuid PRIMARY KEY\n) WITH ID = ${ID}\n    AND comment = 'a; b'`,
      { kind: 'TABLE', keyspace: 'shop', name: 'Orders' }],
    ['CREATE INDEX by_name ON shop.people (name);', 'CREATE INDEX IF NOT EXISTS by_name ON shop.people (name)',
      { kind: 'INDEX', keyspace: 'shop', name: 'by_name', on: 'people' }],
    ['CREATE CUSTOM INDEX by_zip ON shop.people (zip) USING \'StorageAttachedIndex\';',
      'CREATE CUSTOM INDEX IF NOT EXISTS by_zip ON shop.people (zip) USING \'StorageAttachedIndex\'',
      { kind: 'CUSTOM INDEX', keyspace: 'shop', name: 'by_zip', on: 'people' }],
    ['create index on People (name)', 'create index IF NOT EXISTS on People (name)', { kind: 'INDEX', keyspace: 'fallback', on: 'people' }],
    ['CREATE FUNCTION shop.twice(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x * 2; $$;',
      'CREATE FUNCTION IF NOT EXISTS shop.twice(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x * 2; $$',
      { kind: 'FUNCTION', keyspace: 'shop', name: 'twice' }],
    ['CREATE TABLE IF NOT EXISTS shop.t (k int PRIMARY KEY)', 'CREATE TABLE IF NOT EXISTS shop.t (k int PRIMARY KEY)',
      { kind: 'TABLE', keyspace: 'shop', name: 't' }],
    ['CREATE OR REPLACE FUNCTION shop.f() CALLED ON NULL INPUT RETURNS int LANGUAGE java AS \'return 1;\'',
      'CREATE OR REPLACE FUNCTION shop.f() CALLED ON NULL INPUT RETURNS int LANGUAGE java AS \'return 1;\'',
      { kind: 'FUNCTION', keyspace: 'shop', name: 'f' }],
  ];
  for (const [cql, create, element] of cases) {
    it(`makes '${cql.slice(0, 40)}…' repeatable`, () => {
      const planned = planSchemaStatement('fallback', cql);
      assert.deepEqual(planned, { ...element, create, followUps: [] });
    });
  }

  it('keeps the ALTERs of a table\'s dropped columns apart, to run only after creating it', () => {
    const cql = `CREATE TABLE shop.t (\n    k int PRIMARY KEY,\n    gone text\n) WITH ID = ${ID};\n`
      + 'ALTER TABLE shop.t DROP gone USING TIMESTAMP 1719400000000000;\nALTER TABLE shop.t ADD gone int;';
    assert.deepEqual(planSchemaStatement('shop', cql).followUps,
      ['ALTER TABLE shop.t DROP gone USING TIMESTAMP 1719400000000000', 'ALTER TABLE shop.t ADD gone int']);
  });

  it('puts the replication asked for into a CREATE KEYSPACE, whatever its map held', () => {
    const cql = 'CREATE KEYSPACE shop WITH replication = {\'class\': \'NetworkTopologyStrategy\', \'odd}dc\': \'3\'} AND durable_writes = true';
    assert.equal(planSchemaStatement('shop', cql, { dc1: 1, dc2: 2 }).create,
      'CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {\'class\': \'NetworkTopologyStrategy\', \'dc1\': 1, \'dc2\': 2} AND durable_writes = true');
    assert.equal(planSchemaStatement('shop', 'CREATE TYPE shop.a (b int)', { dc1: 1 }).create, 'CREATE TYPE IF NOT EXISTS shop.a (b int)');
  });

  const refusals: [string, RegExp][] = [
    ['DROP TABLE shop.t', /'DROP TABLE shop\.t' cannot be restored: it is not a CREATE/],
    ['ALTER KEYSPACE shop WITH durable_writes = false', /it is not a CREATE/],
    ['CREATE ROLE admin WITH LOGIN = true', /it is not a CREATE/],
    ['/* a comment only */', /it is not a CREATE/],
    ['CREATE TABLE shop.t (k int PRIMARY KEY); DROP KEYSPACE shop', /carries another statement after its CREATE: DROP KEYSPACE shop/],
    ['CREATE TABLE shop.t (k int PRIMARY KEY); ALTER TABLE shop.other DROP v', /carries another statement/],
    ['CREATE TYPE shop.a (b int); ALTER TABLE shop.a ADD c int', /carries another statement/],
    ['CREATE TABLE shop.t (k int PRIMARY KEY); ALTER TABLE shop.t WITH gc_grace_seconds = 0', /carries another statement/],
    ['CREATE TABLE shop.t (k int PRIMARY KEY, v int); ALTER TABLE shop.t DROP v', /carries another statement/],
  ];
  for (const [cql, message] of refusals) {
    it(`refuses '${cql}'`, () => {
      assert.throws(() => planSchemaStatement('shop', cql), (e: { code?: string; message?: string }) =>
        e.code === 'CASSOPS_BACKUP_MANIFEST_INVALID' && message.test(e.message ?? ''));
    });
  }
});

describe('splitCqlStatements', () => {
  it('splits at semicolons outside literals, quoted names, $$ bodies and comments, which it drops', () => {
    const text = 'CREATE TABLE "a;b".t (k int PRIMARY KEY) WITH comment = \'it\'\'s; fine\'; -- x; y\n'
      + '/* z; */ CREATE FUNCTION k.f() RETURNS int LANGUAGE java AS $$ return 1; $$ ;; // last;';
    assert.deepEqual(splitCqlStatements(text), [
      'CREATE TABLE "a;b".t (k int PRIMARY KEY) WITH comment = \'it\'\'s; fine\'',
      'CREATE FUNCTION k.f() RETURNS int LANGUAGE java AS $$ return 1; $$',
    ]);
  });
});
