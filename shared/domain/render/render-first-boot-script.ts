import type { FirstBootMode } from '../deploy/first-boot-mode.js';
import { SEED_WAIT_SECONDS } from '../ports/node-agent-port.js';
import type { ClusterPlan, NodePlan } from '../topology/cluster-plan.js';
import { NODE_PREPARED_MARKER } from './render-prepare-node-script.js';
import { seedAddresses, type NodeBoot } from './render-cassandra-yaml.js';
import { renderSeedWaitLines } from './render-seed-wait.js';

/** Where cloud-init writes the first boot script of a brand-new cluster's node. */
export const FIRST_BOOT_SCRIPT_PATH = '/usr/local/sbin/autopilot-first-boot';
/** The first boot's outcome, one AUTOPILOT-STATUS line, for whoever looks at the node. */
export const FIRST_BOOT_STATUS_PATH = '/var/lib/cassandra-autopilot/first-boot';

/**
 * Whether cloud-init starts this node: only a node of a brand-new cluster booting in parallel
 * from its planned tokens. Its VM then needs no start Run Command (20 s or more on Azure, and a
 * write-throttle token each). A node joining a running ring, a replacement and a new DC's node
 * stay stopped for the orchestrator, which brings them in one at a time. So do the nodes of DCs
 * linked by VPN: their link comes up 30-45 minutes after the VMs, and nodes started before it
 * would form one ring per DC; the orchestrator starts them once every connection is Connected.
 */
export function startsOnFirstBoot(plan: Pick<ClusterPlan, 'vpnConnections'>, node: NodePlan, firstBoot: FirstBootMode,
  boot: NodeBoot): boolean {
  return firstBoot === 'parallel' && node.initial && !boot.replaceAddress && !boot.withoutBootstrap
    && plan.vpnConnections.length === 0;
}

/**
 * Renders the script cloud-init runs after the preparation script: a seed starts at once, any
 * other node once a seed answers gossip, as the parallel first boot asks. It always exits 0 and
 * records its outcome instead: a failed start must not mark cloud-init failed, because the
 * orchestrator's start Run Command, which waits for cloud-init and refuses after a failed one, is
 * the way back for a node that did not start.
 */
export function renderFirstBootScript(plan: ClusterPlan, node: NodePlan): string {
  const seeds = seedAddresses(plan);
  return [
    '#!/bin/bash',
    '# Written by Cassandra Autopilot: starts this node of a brand-new cluster from its planned tokens.',
    'set -u',
    `report() { echo "AUTOPILOT-STATUS firstBoot $1" | tee ${FIRST_BOOT_STATUS_PATH}; exit 0; }`,
    `[ -f ${NODE_PREPARED_MARKER} ] || report "failed not-prepared"`,
    ...(node.isSeed ? [] : [
      `SEEDS="${seeds.join(' ')}"`,
      `SEED_WAIT_SECONDS=${SEED_WAIT_SECONDS}`,
      ...renderSeedWaitLines('report "failed no-seed-answers"'),
    ]),
    'systemctl enable --now cassandra || report "failed systemctl-start"',
    'report "ok started"',
    '',
  ].join('\n');
}
