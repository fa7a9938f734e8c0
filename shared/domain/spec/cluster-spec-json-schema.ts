import { z } from 'zod';
import { ClusterSpecSchema } from './cluster-spec-schema.js';

/**
 * The cluster spec as JSON Schema (draft 2020-12), generated from the zod schema so the two
 * cannot disagree: it describes what a user may send (defaults make fields optional). Checks
 * that need the whole spec (overlaps, capacity, replication) live only in the validator.
 */
export function buildClusterSpecJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ClusterSpecSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...generated,
    $id: 'cluster-spec.schema.json',
    title: 'Cassandra Autopilot cluster spec',
    description: 'A Cassandra cluster on Azure VMs: datacenters, network, keyspaces and schedules.',
  };
}

/** The schema as the checked-in file holds it: two-space indented, with a final newline. */
export function formatClusterSpecJsonSchema(): string {
  return `${JSON.stringify(buildClusterSpecJsonSchema(), null, 2)}\n`;
}
