import { CronExpressionParser } from 'cron-parser';
import type { ClusterSpec } from './cluster-spec-schema.js';
import { jsonPath, type SpecIssue } from './spec-issue.js';

/**
 * Checks each keyspace's replication: it names only DCs of the cluster, at least one of them,
 * and never more replicas than the DC has nodes. Names are compared case-insensitively, as
 * Cassandra folds unquoted identifiers to lower case.
 */
export function checkKeyspaces(spec: ClusterSpec): SpecIssue[] {
  const nodesByDc = new Map(spec.datacenters.map((dc) => [dc.name, dc.nodes]));
  const issues: SpecIssue[] = [];
  spec.keyspaces.forEach((keyspace, k) => {
    const first = spec.keyspaces.findIndex((other) => other.name.toLowerCase() === keyspace.name.toLowerCase());
    if (first !== k) {
      issues.push({ path: jsonPath(['keyspaces', k, 'name']), message: `duplicate keyspace "${keyspace.name}" (also $.keyspaces[${first}].name)` });
    }
    if (Object.keys(keyspace.replication).length === 0) {
      issues.push({ path: jsonPath(['keyspaces', k, 'replication']), message: 'names no datacenter: give a replication factor for at least one' });
    }
    for (const [dcName, factor] of Object.entries(keyspace.replication)) {
      const path = jsonPath(['keyspaces', k, 'replication', dcName]);
      const nodes = nodesByDc.get(dcName);
      if (nodes === undefined) {
        issues.push({ path, message: `"${dcName}" is not a datacenter of this cluster (known: ${[...nodesByDc.keys()].join(', ')})` });
      } else if (factor > nodes) {
        issues.push({ path, message: `replication factor ${factor} is more than the ${nodes} nodes in datacenter "${dcName}"` });
      }
    }
  });
  return issues;
}

/** Checks that each schedule is a valid NCRONTAB expression (six fields, seconds first). */
export function checkSchedules(spec: ClusterSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [name, entry] of Object.entries(spec.schedules)) {
    try {
      // A fixed reference date keeps parsing independent of the clock.
      CronExpressionParser.parse(entry.schedule, { currentDate: new Date(0) });
    } catch (error) {
      issues.push({ path: jsonPath(['schedules', name, 'schedule']), message: `"${entry.schedule}" is not a valid schedule: ${(error as Error).message}` });
    }
  }
  return issues;
}
