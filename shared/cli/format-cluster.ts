import { formatTable } from './format-table.js';

/** A cluster as GET /api/clusters lists it (the fields the CLI shows). */
export interface ClusterSummaryView {
  name: string;
  state: string;
  lastOperationId: string;
}

/** A node as GET /api/clusters/{name} shows it. */
export interface NodeView {
  name: string;
  dc: string;
  rack: string;
  privateIp: string;
  isSeed: boolean;
  state: string;
}

/** A cluster as GET /api/clusters/{name} returns it (the fields the CLI shows). */
export interface ClusterDetailView extends ClusterSummaryView {
  runningOperationId: string | null;
  nodes: NodeView[];
}

/** One line per cluster: name, state, its last operation. */
export function formatClusterList(body: { clusters: ClusterSummaryView[] }): string {
  if (body.clusters.length === 0) return 'no clusters\n';
  return body.clusters.map((c) => `${c.name.padEnd(24)} ${c.state.padEnd(12)} last operation ${c.lastOperationId}`).join('\n') + '\n';
}

/** The cluster's state and the operation running on it, then one line per node. */
export function formatCluster(c: ClusterDetailView): string {
  const running = c.runningOperationId ? `, operation ${c.runningOperationId} running` : '';
  const nodes = c.nodes.map((n) => `  ${n.name.padEnd(20)} ${n.dc}/${n.rack.padEnd(6)} ${n.privateIp.padEnd(15)} ${n.state}${n.isSeed ? ' (seed)' : ''}`);
  return `${c.name}: ${c.state}${running}\n${nodes.join('\n')}\n`;
}

/** The cluster's nodes as a table, in the API's (join) order: name, DC, rack, address, state, seed. */
export function formatNodes(c: ClusterDetailView): string {
  if (c.nodes.length === 0) return `cluster ${c.name} has no nodes\n`;
  return formatTable([['NODE', 'DC', 'RACK', 'ADDRESS', 'STATE', 'SEED'],
    ...c.nodes.map((n) => [n.name, n.dc, n.rack, n.privateIp, n.state, n.isSeed ? 'yes' : 'no'])]);
}
