import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/domain/health/health-thresholds.js';

const NOW = '2026-01-01T00:00:00.000Z';
const node = { name: 'n1', datacenter: 'dc1', rack: 'r1', address: '127.1.0.4', vmName: 'vm1', resourceGroup: 'rg' };

/** A world where every call succeeds, so each orchestration walks its whole schedule (every optional step included). */
function succeed(call: Scheduled): unknown {
  if (call.kind === 'event') return { approved: true, by: 'ada', at: NOW };
  switch (call.name) {
    case ACTIVITIES.probeNodeJoined: case ACTIVITIES.probeNodeInRing: return { isUpNormal: true, schemaAgrees: true, detail: 'UN' };
    case ACTIVITIES.listClustersDueForHealth: return { clusters: ['c1'] };
    // Still building when begun, so the schedule includes the gateway's poll.
    case ACTIVITIES.beginVpnGateway: return { ok: true, value: 'Provisioning' };
    case ACTIVITIES.readVpnGatewayState: return { ok: true, value: 'Succeeded' };
    case ACTIVITIES.readVpnConnectionStatus: return { ok: true, value: 'Connected' };
    case ACTIVITIES.deleteVpnConnection: return { ok: true, value: { name: 'con', deleted: true } };
    case ACTIVITIES.loadHealthContext: return { found: true, nodes: [node], thresholds: DEFAULT_HEALTH_THRESHOLDS, vmWrites: {}, operationRunning: false };
    // Unreachable (a refused login), so the check also walks its login-free liveness step.
    case ACTIVITIES.probeCqlView: return { observedAt: NOW, reachable: false, error: 'login refused', hosts: [] };
    case ACTIVITIES.probeNativeTransport: return { observedAt: NOW, answers: [{ address: node.address, answer: 'accepted' }] };
    case ACTIVITIES.readAzureView: return { observedAt: NOW, ok: true, vms: [{ vmName: 'vm1', powerState: 'running', provisioningState: 'succeeded' }] };
    case ACTIVITIES.probeNodeHealth: return { node: 'n1', observedAt: NOW, ok: true, disk: { mount: '/data', sizeBytes: 10, usedBytes: 4, availableBytes: 6, usedPercent: 40 } };
    case ACTIVITIES.recordHealthCheck: return { changed: false, becameLatest: true };
    case ACTIVITIES.planRepairRun: return { ok: true, value: { segments: 12 } };
    case ACTIVITIES.advanceRepairRun:
      return { ok: true, value: { state: 'Running', finished: true, segmentsDone: 12, segmentsTotal: 12, message: '12/12', nextCheckSeconds: 5 } };
    case ACTIVITIES.checkBackupReady: return { ok: true, value: { nodes: ['n1', 'n2'], nodesDown: [] } };
    case ACTIVITIES.startNodeJob:
    case ACTIVITIES.readNodeJob: return { state: 'Succeeded', detail: 'ok', stderrTail: '' };
    case ACTIVITIES.planBackupNode: return { ok: true, value: { files: 1, bytes: 1, newFiles: 1, newBytes: 1 } };
    case ACTIVITIES.writeBackupManifest: return { ok: true, value: { status: 'Complete' } };
    case ACTIVITIES.startDrillRestore:
    case ACTIVITIES.startDrillCleanup:
    case ACTIVITIES.startSafetyBackup: return { ok: true, value: { operationId: 'x' } };
    case ACTIVITIES.prepareRestore: return { ok: true, value: { nodes: ['n1', 'n2'] } };
    case ACTIVITIES.readOperationOutcome: return { status: 'Succeeded' };
    case ACTIVITIES.checkDrillRestore: return { ok: true, value: { tablesChecked: 2, rowsChecked: 10 } };
    case ACTIVITIES.readNodeGeneration: return 1_700_000_000;
    case ACTIVITIES.probeNodeRestarted: return { ready: true, detail: 'back' };
    default: return { ok: true, value: undefined };
  }
}

const RUNS: Record<string, unknown> = {
  [ORCHESTRATIONS.deployCluster]: { operationId: 'op-1', plan: deploymentPlanFixture(2, 3),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } },
  [ORCHESTRATIONS.deployClusterV4]: { operationId: 'op-1', plan: deploymentPlanFixture(2, 3),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } },
  [ORCHESTRATIONS.deployClusterV3]: { operationId: 'op-1', plan: deploymentPlanFixture(2, 3),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } },
  // Instances started before v3 carry no firstBoot: the same code must replay their v2 schedule.
  [ORCHESTRATIONS.deployClusterV2]: { operationId: 'op-1', plan: deploymentPlanFixture(2, 3),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10 } },
  // With VPN connections, so the fingerprint covers the links step.
  [ORCHESTRATIONS.deleteCluster]: { operationId: 'op-1', clusterName: 'demo', resourceGroups: [{ name: 'rg-demo-dc1', location: 'eastus' }],
    vpnConnections: deploymentPlanFixture(2, 1, { vpnGateway: true }).vpnConnections },
  [ORCHESTRATIONS.deleteClusterV2]: { operationId: 'op-1', clusterName: 'demo', resourceGroups: [{ name: 'rg-demo-dc1', location: 'eastus' }] },
  [ORCHESTRATIONS.sweepClusterHealth]: { sweepId: 'sweep-1', concurrency: 4 },
  [ORCHESTRATIONS.repairCluster]: { operationId: 'run-1', clusterName: 'demo', runId: 'run-1', mode: 'full' },
  [ORCHESTRATIONS.backupCluster]: { operationId: 'backup-1', clusterName: 'demo', backupId: 'backup-1' },
  // Instances started before v3 back nodes up with backupNode_v1; before v2 they handled a failure after the operation closed.
  [ORCHESTRATIONS.backupClusterV2]: { operationId: 'backup-1', clusterName: 'demo', backupId: 'backup-1' },
  [ORCHESTRATIONS.backupClusterV1]: { operationId: 'backup-1', clusterName: 'demo', backupId: 'backup-1' },
  [ORCHESTRATIONS.drillBackup]: { operationId: 'drill-1', clusterName: 'demo', drillId: 'drill-1' },
  [ORCHESTRATIONS.drillBackupV1]: { operationId: 'drill-1', clusterName: 'demo', drillId: 'drill-1' },
  [ORCHESTRATIONS.restartCluster]: { operationId: 'restart-1', clusterName: 'demo', nodes: deploymentPlanFixture(1, 3).nodes,
    settings: { nodeTimeoutInMs: 60_000, pollIntervalInMs: 5_000 } },
  // Every step with work, so the fingerprint covers the network, join, cleanup and decommission sub-orchestrations.
  [ORCHESTRATIONS.updateCluster]: { operationId: 'update-1', clusterName: 'demo', plan: deploymentPlanFixture(1, 4), spec: {},
    update: { restart: deploymentPlanFixture(1, 4).nodes.slice(0, 1), add: deploymentPlanFixture(1, 4).nodes.slice(3), datacenters: ['dc1'],
      rebuild: { nodes: deploymentPlanFixture(1, 4).nodes.slice(3), sourceDc: 'dc1' },
      retire: { datacenters: ['dc2'], systemReplicationWhileLeaving: { dc1: 3, dc2: 1 }, peerings: deploymentPlanFixture(2, 1).peerings, resourceGroups: [{ name: 'rg-demo-dc2', location: 'westus2' }] }, cleanup: deploymentPlanFixture(1, 4).nodes.slice(0, 2),
      remove: deploymentPlanFixture(1, 4).nodes.slice(2, 3), keyspaces: true, network: true },
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } },
  // With an approval, so the fingerprint covers the wait.
  [ORCHESTRATIONS.replaceNode]: { operationId: 'replace-1', clusterName: 'demo', plan: deploymentPlanFixture(1, 3),
    machine: { clusterName: 'demo', node: deploymentPlanFixture(1, 3).nodes[1], vm: deploymentPlanFixture(1, 3).vm, spec: {}, replaceAddress: '127.1.1.5' },
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' },
    approval: { action: 'replace', reason: 'gone', timeoutInMs: 600_000 } },
  [ORCHESTRATIONS.startNode]: { operationId: 'start-1', clusterName: 'demo', node: deploymentPlanFixture(1, 3).nodes[0], plan: deploymentPlanFixture(1, 3),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } },
  [ORCHESTRATIONS.restoreTables]: { operationId: 'restore-1', clusterName: 'demo', restoreId: 'restore-1', backupId: 'backup-1', tables: ['ks.t'] },
};

/**
 * Schedules an orchestration takes only for some inputs, fingerprinted apart: a deployment whose
 * regions are linked by VPN gateways (its provisionPeerings hands over to provisionVpnLinks).
 */
const VARIANTS: Record<string, [string, unknown]> = {
  [`${ORCHESTRATIONS.deployCluster} linked by VPN gateways`]: [ORCHESTRATIONS.deployCluster, { operationId: 'op-1',
    plan: deploymentPlanFixture(2, 2, { vpnGateway: true }),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } }],
};

/**
 * Orchestrations whose failure has a schedule of its own (records and clean-up around the close):
 * the activity that answers a permanent failure for a second fingerprint, so a change to that
 * schedule needs a new version too.
 */
const FAILING: Record<string, string> = {
  [ORCHESTRATIONS.backupCluster]: ACTIVITIES.writeBackupManifest,
  [ORCHESTRATIONS.backupClusterV2]: ACTIVITIES.writeBackupManifest,
  [ORCHESTRATIONS.backupClusterV1]: ACTIVITIES.writeBackupManifest,
  [ORCHESTRATIONS.drillBackup]: ACTIVITIES.checkDrillRestore,
  [ORCHESTRATIONS.drillBackupV1]: ACTIVITIES.checkDrillRestore,
};

function failAt(activity: string): (call: Scheduled) => unknown {
  return (call) => (call.name === activity ? { ok: false, error: { code: 'CASSOPS_INTERNAL', message: 'failed on purpose' } } : succeed(call));
}

/** What replay depends on: the order, kind and name of everything scheduled, sub-orchestrations included. */
function fingerprint(name: string, respond: (call: Scheduled) => unknown = succeed, input: unknown = RUNS[name]): string {
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, respond, new Date(NOW));
  runner.run(ORCHESTRATION_TABLE[name as keyof typeof ORCHESTRATION_TABLE], input);
  const schedule = runner.log.map((c) => `${c.depth}:${c.kind}:${c.name}`).join('\n');
  return createHash('sha256').update(schedule).digest('hex').slice(0, 16);
}

describe('orchestration versions', () => {
  const recorded = JSON.parse(readFileSync(new URL('../../../../test/unit/orchestrations/orchestration-versions.json', import.meta.url), 'utf8')) as Record<string, string>;
  for (const name of Object.keys(RUNS)) {
    it(`${name} schedules what its version recorded (a changed schedule needs a new version name)`, () => {
      assert.equal(fingerprint(name), recorded[name],
        `${name}'s schedule changed: give the orchestrations that changed a new version in contracts/names.ts and record the new fingerprint`);
    });
  }
  for (const [key, [name, input]] of Object.entries(VARIANTS)) {
    it(`${key}: schedules what its version recorded`, () => {
      assert.equal(fingerprint(name, succeed, input), recorded[key],
        `${key}: the schedule changed: give the orchestrations that changed a new version in contracts/names.ts and record the new fingerprint`);
    });
  }
  for (const [name, activity] of Object.entries(FAILING)) {
    const key = `${name} when ${activity} fails`;
    it(`${key}: schedules what its version recorded`, () => {
      assert.equal(fingerprint(name, failAt(activity)), recorded[key],
        `${key}: the failure's schedule changed: give the orchestration a new version in contracts/names.ts and record the new fingerprint`);
    });
  }
});
