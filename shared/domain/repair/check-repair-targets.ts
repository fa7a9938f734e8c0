import { jsonPath, type SpecIssue } from '../spec/spec-issue.js';
import { PER_DC_SYSTEM_KEYSPACES } from '../topology/plan-topology.js';

/** What a repair request names: keyspaces, and tables as `keyspace.table`; absent means all. */
export interface RepairTargets {
  keyspaces?: readonly string[] | undefined;
  tables?: readonly string[] | undefined;
}

/**
 * Every problem with what a repair asks for, each at its JSON path (`$.keyspaces[1]`,
 * `$.tables[0]`): a keyspace that is neither the spec's nor one of the system keyspaces the
 * product replicates per DC; a table of such a keyspace; a table whose keyspace is left out of
 * the keyspaces asked for (the run would never reach it). Tables themselves are not known until
 * the run reads the schema.
 */
export function checkRepairTargets(targets: RepairTargets, specKeyspaces: readonly string[]): SpecIssue[] {
  const known = new Set([...specKeyspaces, ...PER_DC_SYSTEM_KEYSPACES]);
  const knownList = [...known].join(', ');
  const asked = targets.keyspaces && new Set(targets.keyspaces);
  const issues: SpecIssue[] = [];
  const issue = (path: PropertyKey[], message: string) => issues.push({ path: jsonPath(path), message });
  targets.keyspaces?.forEach((keyspace, i) => {
    if (!known.has(keyspace)) issue(['keyspaces', i], `unknown keyspace "${keyspace}" (known: ${knownList})`);
  });
  targets.tables?.forEach((table, i) => {
    const keyspace = table.slice(0, table.indexOf('.'));
    if (!known.has(keyspace)) issue(['tables', i], `"${table}" is in unknown keyspace "${keyspace}" (known: ${knownList})`);
    else if (asked && !asked.has(keyspace)) issue(['tables', i], `"${table}" is in keyspace "${keyspace}", which keyspaces leaves out`);
  });
  return issues;
}
