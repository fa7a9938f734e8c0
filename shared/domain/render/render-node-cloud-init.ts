import type { FirstBootMode } from '../deploy/first-boot-mode.js';
import type { ClusterSpec } from '../spec/cluster-spec-schema.js';
import { planTopology } from '../topology/plan-topology.js';
import { renderCloudInit } from './render-cloud-init.js';

/**
 * Renders the cloud-init of the planned node named `nodeName` from the cluster's validated spec,
 * or undefined when the spec plans no such node. planTopology is deterministic, so this is the
 * very document a plan made when the request arrived would have carried; re-planning per VM
 * keeps rendered documents out of stored records and orchestration inputs. Pure.
 */
export function renderNodeCloudInit(spec: ClusterSpec, nodeName: string, firstBoot: FirstBootMode, restoredTokens?: readonly string[]): string | undefined {
  const plan = planTopology(spec);
  const node = plan.datacenters.flatMap((dc) => dc.nodes).find((n) => n.name === nodeName);
  return node && renderCloudInit(plan, node, firstBoot, restoredTokens);
}
