import type { NodeJoinStatus } from '../ports/cql-port.js';

/** One node's gossip state as another node (the observer) holds it: `system_views.gossip_info`. */
export interface GossipEntry {
  address: string;
  /** The node's incarnation: set from the clock each time Cassandra starts. */
  generation: number;
  /** STATUS_WITH_PORT's first word (NORMAL, LEAVING, shutdown…). */
  status: string;
  /** Whether its native transport (CQL) is up, as it announced. */
  rpcReady: boolean;
  /** The Cassandra release it announced (RELEASE_VERSION), empty when not known yet. */
  releaseVersion: string;
}

/** What one observer's gossip holds, or why it could not be read. */
export interface GossipView {
  observer: string;
  reachable: boolean;
  entries: GossipEntry[];
  error?: string;
}

/** Whether a restarted node is back, and what the check saw when it is not. */
export interface RestartStatus {
  ready: boolean;
  detail: string;
}

/**
 * A restarted node is back when it serves CQL as a member of the ring (UN, schema agreeing, seen
 * by `self`) and every other node has heard of its new incarnation (a generation above the one
 * before the restart), NORMAL with its native transport up. Only then does each coordinator count
 * it as a live replica, so the next node may go down without a LOCAL_QUORUM read or write finding
 * two of three replicas missing. An upgrade's node (`release`) is back only once they also see it
 * announce the new release: a node that came back on the old one failed its upgrade.
 */
export function decideNodeRestarted(input: { address: string; previousGeneration: number; self: NodeJoinStatus; views: readonly GossipView[];
  release?: string; }): RestartStatus {
  if (!input.self.isUpNormal || !input.self.schemaAgrees) return { ready: false, detail: `not serving yet: ${input.self.detail}` };
  for (const view of input.views) {
    if (!view.reachable) return { ready: false, detail: `${view.observer} does not answer: ${view.error ?? 'unreachable'}` };
    const entry = view.entries.find((e) => e.address === input.address);
    if (!entry || entry.generation <= input.previousGeneration) {
      return { ready: false, detail: `${view.observer} has not heard of the restarted ${input.address} yet` };
    }
    if (entry.status !== 'NORMAL' || !entry.rpcReady) {
      return { ready: false, detail: `${view.observer} sees ${input.address} ${entry.status || 'without a status'}${entry.rpcReady ? '' : ', CQL not ready'}` };
    }
    if (input.release && entry.releaseVersion !== input.release) {
      return { ready: false, detail: `${view.observer} sees ${input.address} on Cassandra ${entry.releaseVersion || '(unknown)'}, not ${input.release}` };
    }
  }
  return { ready: true, detail: `UN, serving CQL${input.release ? ` on ${input.release}` : ''}, and every other node (${input.views.length}) has heard of its restart` };
}
