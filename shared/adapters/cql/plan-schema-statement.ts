import { OpsError } from '../../errors/ops-error.js';
import { renderReplication } from './cluster-admin.js';

/** What a schema statement creates, by the CQL keyword that names it. */
export type SchemaKind = 'KEYSPACE' | 'TYPE' | 'FUNCTION' | 'AGGREGATE' | 'TABLE' | 'INDEX' | 'CUSTOM INDEX' | 'MATERIALIZED VIEW' | 'TRIGGER';

/** One element of a backed-up schema, ready to run again. */
export interface SchemaStatement {
  kind: SchemaKind;
  /** Where the element lives; for a keyspace, its own name. */
  keyspace: string;
  /** The element's name; an index created without one has none. */
  name?: string;
  /** The table an index or trigger is on. */
  on?: string;
  /** The CREATE with IF NOT EXISTS (a CREATE OR REPLACE stays as it is: it repeats safely already). */
  create: string;
  /**
   * The `ALTER TABLE … DROP c USING TIMESTAMP t` / `ADD c` statements DESCRIBE appends to a table
   * with dropped columns, so that data written before the drop stays dropped. They replay history,
   * so they may run only right after the table is created: run again, a DROP would remove a column
   * that was added back.
   */
  followUps: string[];
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z0-9_]+)`;
const QUALIFIED = String.raw`(${IDENT})(?:\s*\.\s*(${IDENT}))?`;
const HEADER = new RegExp(String.raw`^CREATE\s+(OR\s+REPLACE\s+)?(KEYSPACE|TYPE|FUNCTION|AGGREGATE|TABLE|CUSTOM\s+INDEX|INDEX|MATERIALIZED\s+VIEW|TRIGGER)\s+`
  + String.raw`(IF\s+NOT\s+EXISTS\s+)?`, 'i');
/** An index or trigger: its (optional, for an index) name, then the table it is on. */
const ON_TABLE = new RegExp(String.raw`^(?:(?!ON\s)(${IDENT})\s+)?ON\s+${QUALIFIED}`, 'i');
const NAMED = new RegExp(`^${QUALIFIED}`);
/** What DESCRIBE writes after a table with dropped columns: each drop with its time, and a column added back. */
const DROPPED_COLUMN_ALTER = new RegExp(String.raw`^ALTER\s+TABLE\s+${QUALIFIED}\s+(?:DROP\s[\s\S]*\sUSING\s+TIMESTAMP\s+\d+|ADD\s[\s\S]*)$`, 'i');
/** A replication map literal: quoted strings may hold any character, braces included. */
const REPLICATION = /\breplication\s*=\s*\{(?:'(?:[^']|'')*'|[^'}])*\}/i;

/**
 * Reads one statement of a backed-up schema (a DESCRIBE row: one CREATE, perhaps followed by the
 * ALTERs of a table's dropped columns) into what a restore runs. With `replication`, a keyspace is
 * created with NetworkTopologyStrategy at those factors instead of the replication it had (a restore
 * into a cluster whose DCs differ). Unqualified names fall back to `keyspace`.
 * @throws OpsError CASSOPS_BACKUP_MANIFEST_INVALID for a statement that is not a CREATE, or that
 *   carries any other statement after it: a restore runs nothing that could change existing schema.
 */
export function planSchemaStatement(keyspace: string, cql: string, replication?: Record<string, number>): SchemaStatement {
  const [first = '', ...rest] = splitCqlStatements(cql);
  const header = HEADER.exec(first);
  if (!header) throw refused(cql, 'it is not a CREATE');
  const kind = header[2]!.toUpperCase().replace(/\s+/g, ' ') as SchemaKind;
  const tail = first.slice(header[0].length);
  const element = elementOf(kind, tail, keyspace);
  if (!element) throw refused(cql, `no ${kind.toLowerCase()} name follows CREATE ${kind}`);
  const idempotent = header[1] || header[3] ? first : `${header[0]}IF NOT EXISTS ${tail}`;
  const create = kind === 'KEYSPACE' && replication
    ? idempotent.replace(REPLICATION, `replication = ${renderReplication(replication)}`) : idempotent;
  for (const statement of rest) {
    const alter = DROPPED_COLUMN_ALTER.exec(statement);
    const [altered, table] = alter ? qualified(alter[1]!, alter[2], keyspace) : [];
    if (kind !== 'TABLE' || altered !== element.keyspace || table !== element.name) {
      throw refused(cql, `it carries another statement after its CREATE: ${statement.slice(0, 80)}`);
    }
  }
  return { kind, ...element, create, followUps: rest };
}

/** The keyspace and name of what the statement creates (an index or trigger: and the table it is on). */
function elementOf(kind: SchemaKind, tail: string, keyspace: string): Pick<SchemaStatement, 'keyspace' | 'name' | 'on'> | undefined {
  if (kind === 'INDEX' || kind === 'CUSTOM INDEX' || kind === 'TRIGGER') {
    const match = ON_TABLE.exec(tail);
    if (!match) return undefined;
    const [inKeyspace, on] = qualified(match[2]!, match[3], keyspace);
    return { keyspace: inKeyspace, on, ...(match[1] ? { name: unquote(match[1]) } : {}) };
  }
  const match = NAMED.exec(tail);
  if (!match) return undefined;
  if (kind === 'KEYSPACE') return { keyspace: unquote(match[1]!), name: unquote(match[1]!) };
  const [inKeyspace, name] = qualified(match[1]!, match[2], keyspace);
  return { keyspace: inKeyspace, name };
}

/** `[keyspace, name]` of `ks.name`, or of a bare `name` in the fallback keyspace. */
function qualified(first: string, second: string | undefined, keyspace: string): [string, string] {
  return second ? [unquote(first), unquote(second)] : [keyspace, unquote(first)];
}

function refused(cql: string, why: string): OpsError {
  const excerpt = cql.trim().replace(/\s+/g, ' ').slice(0, 120);
  return new OpsError('CASSOPS_BACKUP_MANIFEST_INVALID', { message: `The schema statement '${excerpt}' cannot be restored: ${why}` });
}

/** A CQL identifier as Cassandra stores it: a quoted one verbatim, a bare one in lower case. */
export function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replace(/""/g, '"') : identifier.toLowerCase();
}

/**
 * Splits CQL text at the semicolons that end statements, leaving out comments and empty
 * statements. Semicolons inside string literals, quoted identifiers and `$$` bodies (a function's
 * code, a table comment) do not end anything.
 */
export function splitCqlStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (let i = 0; i < text.length;) {
    const rest = text.slice(i, i + 2);
    const closer = rest === '$$' ? '$$' : rest === '/*' ? '*/' : rest === '--' || rest === '//' ? '\n'
      : text[i] === '\'' || text[i] === '"' ? text[i]! : undefined;
    if (closer === undefined) {
      if (text[i] === ';') statements.push(current);
      current = text[i] === ';' ? '' : current + text[i];
      i++;
      continue;
    }
    // A doubled quote inside a quoted run is an escaped quote, not its end.
    const opener = closer.length === 2 || closer === '\n' ? 2 : 1;
    let end = text.indexOf(closer, i + opener);
    while (opener === 1 && end >= 0 && text[end + 1] === closer) end = text.indexOf(closer, end + 2);
    const stop = end < 0 ? text.length : end + closer.length;
    const isComment = rest === '/*' || rest === '--' || rest === '//';
    current += isComment ? ' ' : text.slice(i, stop);
    i = stop;
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}
