// Plans the render tests share, built from the fixture specs through the real validator and planner.
import assert from 'node:assert/strict';
import { validateClusterSpec } from '../../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology, type ClusterPlan } from '../../../../shared/domain/topology/plan-topology.js';

/** Validates (for the given target) and plans a spec; fails the test when the spec is invalid. */
export function planOf(input: unknown, target: 'local' | 'azure' = 'local'): ClusterPlan {
  const result = validateClusterSpec(input, { target });
  assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.issues));
  return planTopology(result.spec);
}
