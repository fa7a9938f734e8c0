import { randomUUID } from 'node:crypto';
import type { BackupSchema } from '../../domain/ports/cql-port.js';
import type { BackupTable } from '../../domain/backup/backup-model.js';
import { OpsError } from '../../errors/ops-error.js';
import { planSchemaStatement, type SchemaStatement } from '../cql/plan-schema-statement.js';
import { quoteIdentifier } from '../cql/cql-session.js';

/** A table of the twin: its CREATE statement (with its id), its indexes and triggers by name, and its rows by key. */
export interface TwinTable {
  id: string;
  cql: string;
  dependents: Map<string, string>;
  rows: Map<string, string>;
}

/** A keyspace of the twin. SimpleStrategy reads as `{ '*': rf }`, as readRing reports it. */
export interface TwinKeyspace {
  replication: Record<string, number>;
  /** Types, functions and aggregates, in the order they were created (a type before the types that use it). */
  before: Map<string, string>;
  tables: Map<string, TwinTable>;
  /** Materialized views, described after the tables. */
  after: Map<string, string>;
}

const TABLE_ID = /\b(?:WITH|AND)\s+ID\s*=\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * The schema the CQL twin holds. Statements are kept as given (a CREATE TABLE without an id gets
 * one, as Cassandra assigns it), so that describing a keyspace gives back what created it, in
 * DESCRIBE's order: keyspace, types and functions, tables by name each with its indexes, views.
 * A keyspace's own statement is rendered from its replication, which ALTERs change.
 */
export class InMemorySchema {
  private readonly keyspaces = new Map<string, TwinKeyspace>();

  find(name: string): TwinKeyspace | undefined {
    return this.keyspaces.get(name);
  }

  /** The keyspace, or Cassandra's error for a missing one. */
  keyspace(name: string): TwinKeyspace {
    const keyspace = this.keyspaces.get(name);
    if (!keyspace) throw new Error(`Keyspace '${name}' does not exist`);
    return keyspace;
  }

  /** Creates the keyspace with the replication, or sets a new replication on it. */
  setReplication(name: string, replication: Record<string, number>): void {
    const keyspace = this.keyspaces.get(name);
    if (keyspace) keyspace.replication = { ...replication };
    else this.keyspaces.set(name, { replication: { ...replication }, before: new Map(), tables: new Map(), after: new Map() });
  }

  /** Creates the table unless it exists; `columns` is the column list of its CREATE TABLE. */
  ensureTable(keyspace: string, table: string, columns: string): TwinTable {
    const tables = this.keyspace(keyspace).tables;
    if (!tables.has(table)) {
      const id = randomUUID();
      tables.set(table, { id, cql: `CREATE TABLE ${quoteIdentifier(keyspace)}.${quoteIdentifier(table)} (${columns}) WITH ID = ${id};`,
        dependents: new Map(), rows: new Map() });
    }
    return tables.get(table)!;
  }

  drop(keyspace: string): void {
    this.keyspaces.delete(keyspace);
  }

  describe(keyspaces: readonly string[]): BackupSchema {
    const schema: BackupSchema = { statements: [], tables: [] };
    for (const name of keyspaces) {
      const keyspace = this.keyspaces.get(name);
      if (!keyspace) throw new Error(`'${name}' not found in keyspaces`);
      const tables = [...keyspace.tables].sort(([a], [b]) => a.localeCompare(b));
      const cql = [renderKeyspace(name, keyspace.replication), ...keyspace.before.values(),
        ...tables.flatMap(([, t]) => [t.cql, ...[...t.dependents].sort(([a], [b]) => a.localeCompare(b)).map(([, d]) => d)]),
        ...keyspace.after.values()];
      schema.statements.push(...cql.map((statement) => ({ keyspace: name, cql: statement })));
      schema.tables.push(...tables.map(([table, t]): BackupTable => ({ keyspace: name, table, tableId: t.id })));
    }
    return schema;
  }

  /** restoreSchema's checks and effects, as the driver adapter has them; the twin keeps no columns, so dropped-column ALTERs change nothing. */
  restore(schema: BackupSchema, replication?: Record<string, number>): void {
    const planned = schema.statements.map((s) => ({ cql: s.cql.trim(), plan: planSchemaStatement(s.keyspace, s.cql, replication) }));
    const conflicts = schema.tables.filter((t) => { const id = this.keyspaces.get(t.keyspace)?.tables.get(t.table)?.id; return id && id !== t.tableId; });
    if (conflicts.length > 0) {
      const named = conflicts.map((t) => `${t.keyspace}.${t.table} (id ${this.keyspace(t.keyspace).tables.get(t.table)!.id}, the backup's ${t.tableId})`);
      throw new OpsError('CASSOPS_RESTORE_SCHEMA_CONFLICT', { message: `Tables exist with another id than the backup's: ${named.join(', ')}.`,
        details: { tables: conflicts.map((t) => `${t.keyspace}.${t.table}`) } });
    }
    for (const { cql, plan } of planned) this.create(plan, cql, replication);
  }

  private create(plan: SchemaStatement, cql: string, replication?: Record<string, number>): void {
    if (plan.kind === 'KEYSPACE') {
      if (!this.keyspaces.has(plan.keyspace)) this.setReplication(plan.keyspace, replication ?? replicationOf(cql));
      return;
    }
    const keyspace = this.keyspace(plan.keyspace);
    const key = `${plan.kind} ${plan.name ?? ''}`;
    if (plan.kind === 'TABLE') {
      if (keyspace.tables.has(plan.name!)) return;
      const id = TABLE_ID.exec(cql)?.[1]?.toLowerCase() ?? randomUUID();
      keyspace.tables.set(plan.name!, { id, cql: TABLE_ID.test(cql) ? cql : withId(cql, id), dependents: new Map(), rows: new Map() });
    } else if (plan.on !== undefined) {
      const table = keyspace.tables.get(plan.on);
      if (!table) throw new Error(`Table '${plan.keyspace}.${plan.on}' doesn't exist`);
      if (!table.dependents.has(key)) table.dependents.set(key, cql);
    } else {
      const place = plan.kind === 'MATERIALIZED VIEW' ? keyspace.after : keyspace.before;
      if (!place.has(key)) place.set(key, cql);
    }
  }
}

/** The CREATE TABLE with `ID = id` as the first of its options. */
function withId(cql: string, id: string): string {
  const options = /\)\s*WITH\s+/i.exec(cql);
  if (options) return `${cql.slice(0, options.index)}) WITH ID = ${id}\n    AND ${cql.slice(options.index + options[0].length)}`;
  return `${cql.replace(/;\s*$/, '')} WITH ID = ${id};`;
}

/** A keyspace's statement as Cassandra 5.0 describes it (the strategy by its short name, factors as strings). */
function renderKeyspace(name: string, replication: Record<string, number>): string {
  const options = '*' in replication
    ? { class: 'SimpleStrategy', replication_factor: String(replication['*']) }
    : { class: 'NetworkTopologyStrategy', ...Object.fromEntries(Object.entries(replication).map(([dc, rf]) => [dc, String(rf)])) };
  const map = Object.entries(options).map(([k, v]) => `'${k.replace(/'/g, '\'\'')}': '${v}'`).join(', ');
  const named = /^[a-z][a-z0-9_]*$/.test(name) ? name : quoteIdentifier(name);
  return `CREATE KEYSPACE ${named} WITH replication = {${map}}  AND durable_writes = true;`;
}

/** The replication of a CREATE KEYSPACE, SimpleStrategy as `{ '*': rf }`. */
function replicationOf(cql: string): Record<string, number> {
  const map = /\breplication\s*=\s*\{([^}]*)\}/i.exec(cql)?.[1] ?? '';
  const options = Object.fromEntries([...map.matchAll(/'((?:[^']|'')*)'\s*:\s*'?([^,'}\s]*)'?/g)].map((m) => [m[1]!.replace(/''/g, '\''), m[2]!]));
  if (options.class?.endsWith('SimpleStrategy')) return { '*': Number(options.replication_factor) };
  return Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'class').map(([dc, rf]) => [dc, Number(rf)]));
}
