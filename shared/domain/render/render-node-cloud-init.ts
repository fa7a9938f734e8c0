import type { FirstBootMode } from '../deploy/first-boot-mode.js';
import type { ClusterSpec } from '../spec/cluster-spec-schema.js';
import { planTopology } from '../topology/plan-topology.js';
import { renderCloudInit } from './render-cloud-init.js';
import type { NodeBoot } from './render-cassandra-yaml.js';
import type { NodeTlsFiles } from './render-tls-settings.js';

/**
 * Renders the cloud-init of the planned node named `nodeName` from the cluster's validated spec,
 * or undefined when the spec plans no such node. planTopology is deterministic, so this is the
 * very document a plan made when the request arrived would have carried; re-planning per VM
 * keeps rendered documents out of stored records and orchestration inputs. A node the deployment
 * plan does not mark initial (one added to a running ring) bootstraps whatever the spec alone
 * would plan. Pure.
 */
export function renderNodeCloudInit(spec: ClusterSpec, node: { name: string; initial: boolean }, firstBoot: FirstBootMode, boot: NodeBoot = {},
  tls?: NodeTlsFiles): string | undefined {
  const plan = planTopology(spec);
  const planned = plan.datacenters.flatMap((dc) => dc.nodes).find((n) => n.name === node.name);
  return planned && renderCloudInit(plan, { ...planned, initial: planned.initial && node.initial }, firstBoot, boot, tls);
}
