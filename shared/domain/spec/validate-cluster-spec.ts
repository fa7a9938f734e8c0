import type { z } from 'zod';
import { checkClusterWide, checkDatacenterLayout } from './check-datacenter-layout.js';
import { checkAddressSpacesDisjoint, checkDatacenterNetwork } from './check-datacenter-network.js';
import { checkKeyspaces, checkSchedules } from './check-keyspaces.js';
import { checkTargetAddresses, type SpecTarget } from './check-target-addresses.js';
import { ClusterSpecSchema, type ClusterSpec } from './cluster-spec-schema.js';
import { jsonPath, type SpecIssue } from './spec-issue.js';
import { suggestFieldName } from './suggest-field-name.js';

export type { SpecIssue } from './spec-issue.js';
export type { SpecTarget } from './check-target-addresses.js';

/** What validation returns: the parsed spec with defaults, or every problem found. */
export type ValidationResult = { ok: true; spec: ClusterSpec } | { ok: false; issues: SpecIssue[] };

/**
 * Validates a cluster spec for a target and returns every problem at once, each with its JSON
 * path: schema problems (types, names, unknown fields) and semantic ones (addressing, capacity,
 * racks, seeds, replication, regions, loopback for the local stack).
 * Semantic checks need a well-typed spec; when the only schema problems are unknown fields, they
 * run on the spec without those fields, so a typo does not hide the other problems.
 */
export function validateClusterSpec(input: unknown, options: { target: SpecTarget }): ValidationResult {
  const parsed = ClusterSpecSchema.safeParse(input);
  if (parsed.success) {
    const issues = checkSemantics(parsed.data, options.target);
    return issues.length === 0 ? { ok: true, spec: parsed.data } : { ok: false, issues };
  }
  const issues = parsed.error.issues.flatMap((issue) => toSpecIssues(issue, input));
  const withoutUnknown = ClusterSpecSchema.safeParse(dropUnknownKeys(input, parsed.error.issues));
  if (withoutUnknown.success) issues.push(...checkSemantics(withoutUnknown.data, options.target));
  return { ok: false, issues };
}

function checkSemantics(spec: ClusterSpec, target: SpecTarget): SpecIssue[] {
  return [
    ...checkClusterWide(spec),
    ...spec.datacenters.flatMap((dc, i) => [...checkDatacenterNetwork(spec, dc, i), ...checkDatacenterLayout(spec, dc, i)]),
    ...checkAddressSpacesDisjoint(spec),
    ...checkTargetAddresses(spec, target),
    ...checkKeyspaces(spec),
    ...checkSchedules(spec),
  ];
}

function toSpecIssues(issue: z.core.$ZodIssue, input: unknown): SpecIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const suggestion = suggestFieldName(issue.path, key);
      const hint = suggestion === undefined ? 'not part of the cluster spec; check its spelling' : `did you mean "${suggestion}"?`;
      return { path: jsonPath([...issue.path, key]), message: `unknown field "${key}" (${hint})` };
    });
  }
  // zod reports a bad map key as "Invalid key in record"; the key's own issues say what is wrong.
  if (issue.code === 'invalid_key') {
    return issue.issues.map((inner) => ({ path: jsonPath(issue.path), message: inner.message }));
  }
  const missing = issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  return [{ path: jsonPath(issue.path), message: missing ? 'is required' : issue.message }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function dropUnknownKeys(input: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  if (issues.some((issue) => issue.code !== 'unrecognized_keys')) return undefined;
  return issues.reduce((spec, issue) =>
    (issue.code === 'unrecognized_keys' ? withoutKeys(spec, issue.path, issue.keys) : spec), input);
}

// Copies only the objects on the way to the unknown keys, never a whole value: an unknown field's
// value is arbitrary JSON, and a deep clone of one nested deeper than the stack would throw.
function withoutKeys(node: unknown, path: readonly PropertyKey[], keys: readonly string[]): unknown {
  const copy = (Array.isArray(node) ? [...node] : { ...(node as object) }) as Record<PropertyKey, unknown>;
  const [head, ...rest] = path;
  if (head === undefined) for (const key of keys) delete copy[key];
  else copy[head] = withoutKeys(copy[head], rest, keys);
  return copy;
}
