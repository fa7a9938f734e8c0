import type cassandra from 'cassandra-driver';
import { validateClusterSpec } from '../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology } from '../../../shared/domain/topology/plan-topology.js';
import { planNodeTokens } from '../../../shared/domain/topology/plan-initial-tokens.js';
import { effectiveOwnership, type RingToken } from '../../support/effective-ownership.js';

/** Every planned node's address → its planned initial tokens (sorted), from the spec the test deployed. */
export function plannedTokens(spec: Record<string, unknown>): Map<string, string[]> {
  const result = validateClusterSpec(spec, { target: 'local' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const plan = planTopology(result.spec);
  return new Map(plan.datacenters.flatMap((dc) => dc.nodes).map((n) => [n.privateIp, [...(planNodeTokens(plan, n) ?? [])].sort()]));
}

/**
 * Each node's tokens as the ring stores them: one node's system.local (keyed by listen_address:
 * broadcast_address is unset) and its system.peers, both read on that same node, since the
 * driver would otherwise send each query to whichever coordinator it picks.
 */
export async function ringTokens(client: cassandra.Client): Promise<Map<string, string[]>> {
  const host = client.hosts.values()[0];
  const local = (await client.execute('SELECT listen_address, tokens FROM system.local', [], { host })).first();
  const peers = (await client.execute('SELECT peer, tokens FROM system.peers', [], { host })).rows;
  const rows = [[String(local?.listen_address), local?.tokens], ...peers.map((p) => [String(p.peer), p.tokens])] as [string, string[]][];
  return new Map(rows.map(([ip, tokens]) => [ip, [...tokens].sort()]));
}

/** The model's effective ownership (percent, one decimal as nodetool prints it) of the planned tokens under NTS with `rf` per DC. */
export function modelOwnership(spec: Record<string, unknown>, rf: number): Map<string, string> {
  const result = validateClusterSpec(spec, { target: 'local' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const plan = planTopology(result.spec);
  const ring: RingToken[] = plan.datacenters.flatMap((dc) => dc.nodes).flatMap((n) =>
    (planNodeTokens(plan, n) ?? []).map((token) => ({ token: BigInt(token), node: n.privateIp, dc: n.dc, rack: n.rack })));
  return new Map([...effectiveOwnership(ring, rf)].map(([ip, share]) => [ip, `${(share * 100).toFixed(1)}%`]));
}

/** address → "Owns (effective)" from `nodetool status <keyspace>` output. */
export function nodetoolOwnership(output: string): Map<string, string> {
  const rows = output.split('\n').map((line) => /^[UD][NLJM]\s+(\S+)\s+.*?\s(\d+(?:\.\d+)?%)\s+\S+\s+\S+\s*$/.exec(line.trim()));
  return new Map(rows.filter((m) => m !== null).map((m) => [m[1]!, m[2]!]));
}
