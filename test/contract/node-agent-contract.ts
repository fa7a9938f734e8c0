import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthProbeTarget, NodeAgentPort, NodeJob, NodeJobStatus } from '../../shared/domain/ports/node-agent-port.js';
import type { DeploymentNode } from '../../shared/domain/deploy/deployment-plan.js';
import type { RunCommandFault } from '../../shared/adapters/memory/in-memory-node-agent.js';
import { backupScriptParameters } from '../../shared/domain/backup/node-script-parameters.js';
import { UploadSas } from '../../shared/domain/ports/blob-store.js';
import { deploymentPlanFixture } from '../support/deployment-plan-fixture.js';
import { waitFor } from '../support/wait-for.js';

/** A NodeAgentPort with the levers the contract needs: VMs to run on, a failing service, a busy VM. */
export interface NodeAgentContractSubject {
  agent: NodeAgentPort;
  /** Creates the node's VM, its Cassandra service stopped. */
  createVm(node: DeploymentNode): Promise<void>;
  /** Makes the node's service fail to start, printing `stderr` (undefined heals it). */
  setStartFailure(node: DeploymentNode, stderr: string | undefined): Promise<void>;
  /** Makes every Run Command meet the fault until cleared with undefined. */
  setFault(fault: RunCommandFault | undefined): Promise<void>;
  /** A container the nodes' backup jobs can put blobs in (any SAS is accepted). */
  backupContainerUrl: string;
}

/** A snapshot job of keyspace `shop` into the subject's container, with a SAS the container takes. */
export function contractSnapshotJob(containerUrl: string, name: string): { job: NodeJob; secret: UploadSas } {
  const secret = new UploadSas(containerUrl, 'sv=2025-01-05&sr=c&sp=rcw&sig=contract%2Bsecret%3D', '2030-01-01T00:00:00Z', 'rcw', 'accountKey');
  const { parameters } = backupScriptParameters({ backupId: name, containerUrl, keyspaces: ['shop'], limitMBps: 0,
    inventoryBlob: `backups/${name}/inventory/n1.tsv`, planBlob: `backups/${name}/plans/n1.tsv`, storedBlob: `backups/${name}/stored/n1.tsv`,
    dataPrefix: 'nodes/n1/data/' }, secret.reveal());
  return { job: { name, script: 'snapshotBackup', parameters }, secret };
}

/** Reads the job until it is no longer Running. */
export function waitForJobEnd(agent: NodeAgentPort, node: DeploymentNode, job: Pick<NodeJob, 'name' | 'script'>): Promise<NodeJobStatus> {
  return waitFor(`job ${job.name} to end`, 30_000, async () => {
    const status = await agent.readNodeJob(node, job);
    return status.state === 'Running' ? undefined : status;
  }, { intervalInMs: 50 });
}

/** Nodes of one DC: each case takes a VM of its own, so cases do not depend on each other's service state. */
export const NODE_AGENT_CONTRACT_NODES = deploymentPlanFixture(1, 3).nodes;
const [first, second, third] = NODE_AGENT_CONTRACT_NODES as [DeploymentNode, DeploymentNode, DeploymentNode];
const target = (node: DeploymentNode): HealthProbeTarget => ({ node: node.name, resourceGroup: node.resourceGroup, vmName: node.vmName });

/**
 * The NodeAgentPort contract: RunCommandNodeAgent on the ARM simulator's bash guests and the
 * in-memory twin run these same cases, so the twin cannot drift from the adapter.
 */
export function describeNodeAgentContract(name: string, subject: () => NodeAgentContractSubject): void {
  describe(`NodeAgentPort contract: ${name}`, () => {
    const agent = () => subject().agent;

    it('starts and stops Cassandra idempotently, each run reporting what it did', async () => {
      await subject().createVm(first);
      const details = [];
      for (const script of ['startCassandra', 'startCassandra', 'stopCassandra', 'stopCassandra'] as const) {
        const result = await agent().runScript(first, script);
        details.push(result.ok ? result.value.detail : result.error.code);
      }
      assert.deepEqual(details, ['started', 'already-running', 'stopped', 'already-stopped']);
    });

    it('probes the data disk of a VM whether Cassandra runs or not (df needs only the VM)', async () => {
      await subject().createVm(second);
      for (const script of [undefined, 'startCassandra'] as const) {
        if (script) assert.equal((await agent().runScript(second, script)).ok, true);
        const probe = await agent().probeHealth(target(second));
        assert.deepEqual([probe.node, probe.ok, probe.error], [second.name, true, undefined]);
        assert.ok(probe.disk && probe.disk.sizeBytes > 0 && probe.disk.usedPercent >= 0 && probe.disk.usedPercent <= 100);
      }
    });

    it('returns a service that fails to start as CASSOPS_NODE_SCRIPT_FAILED with its stderr, and starts once healed', async () => {
      await subject().createVm(third);
      await subject().setStartFailure(third, 'Job for cassandra.service failed');
      const failed = await agent().runScript(third, 'startCassandra');
      assert.equal(!failed.ok && failed.error.code, 'CASSOPS_NODE_SCRIPT_FAILED');
      assert.match(!failed.ok ? failed.error.message : '',
        new RegExp(`^Script startCassandra on ${third.vmName} reported failure 'systemctl-start'\\. stderr: Job for cassandra.service failed`));
      await subject().setStartFailure(third, undefined);
      assert.deepEqual(await agent().runScript(third, 'startCassandra'), { ok: true, value: { detail: 'started', stderrTail: '' } });
    });

    it('throws a busy or throttled Run Command as retryable, while a probe just reports it', async () => {
      await subject().setFault('conflict');
      await assert.rejects(agent().runScript(first, 'startCassandra'),
        { name: 'OpsError', code: 'CASSOPS_RUN_COMMAND_CONFLICT', retryable: true });
      const busy = await agent().probeHealth(target(first));
      assert.deepEqual([busy.ok, busy.error], [false, 'Run Command busy with another script']);
      await subject().setFault('throttled');
      await assert.rejects(agent().runScript(first, 'stopCassandra'),
        { name: 'OpsError', code: 'CASSOPS_ARM_THROTTLED', retryable: true });
      await subject().setFault(undefined);
      assert.equal((await agent().runScript(first, 'stopCassandra')).ok, true);
    });

    it('passes a missing VM\'s 404 on from runScript, and makes it a failed probe', async () => {
      const ghost = { ...first, vmName: 'vm-never-made' };
      await assert.rejects(agent().runScript(ghost, 'startCassandra'), { statusCode: 404 });
      const probe = await agent().probeHealth(target(ghost));
      assert.equal(probe.ok, false);
      assert.match(probe.error ?? '', /vm-never-made/);
    });

    it('runs a node job once under its name, reads it until it ends, and forgets it once deleted', async () => {
      await subject().createVm(second);
      assert.equal((await agent().runScript(second, 'startCassandra')).ok, true);
      const { job, secret } = contractSnapshotJob(subject().backupContainerUrl, 'contract-snap-1');
      assert.ok(['Running', 'Succeeded'].includes((await agent().startNodeJob(second, job, secret)).state));
      const ended = { state: 'Succeeded', detail: 'files=0 bytes=0', stderrTail: '' };
      assert.deepEqual(await waitForJobEnd(agent(), second, job), ended);
      assert.deepEqual(await agent().startNodeJob(second, job, secret), ended, 'a second start returns the first run\'s status');
      const missing = { state: 'Missing', detail: '', stderrTail: '' };
      assert.deepEqual(await agent().readNodeJob(second, { name: 'contract-never-started', script: 'snapshotBackup' }), missing);
      await agent().deleteNodeJob(second, job.name);
      assert.deepEqual(await agent().readNodeJob(second, job), missing);
      await agent().deleteNodeJob(second, job.name);
    });

    it('runs a cleanup job without a secret: nothing to clean on a node without data', async () => {
      await subject().createVm(third);
      assert.equal((await agent().runScript(third, 'startCassandra')).ok, true);
      const job: NodeJob = { name: 'contract-cleanup-1', script: 'cleanupNode', parameters: {} };
      await agent().startNodeJob(third, job);
      assert.deepEqual(await waitForJobEnd(agent(), third, job), { state: 'Succeeded', detail: 'cleaned', stderrTail: '' });
      await agent().deleteNodeJob(third, job.name);
    });

    it('fails a decommission of a node that is stopped without having left the ring: a down node is not a retired one', async () => {
      await subject().createVm(first);
      assert.equal((await agent().runScript(first, 'stopCassandra')).ok, true);
      const job: NodeJob = { name: 'contract-decom-1', script: 'decommissionNode', parameters: {} };
      await agent().startNodeJob(first, job);
      assert.deepEqual(await waitForJobEnd(agent(), first, job), { state: 'Failed', detail: 'not-running', stderrTail: '' });
      await agent().deleteNodeJob(first, job.name);
    });

    it('fails to start a job on a missing VM as a permanent ARM error, and reads it as Missing', async () => {
      const ghost = { ...first, vmName: 'vm-never-made' };
      const { job, secret } = contractSnapshotJob(subject().backupContainerUrl, 'contract-ghost');
      await assert.rejects(agent().startNodeJob(ghost, job, secret), { name: 'OpsError', code: 'CASSOPS_ARM_FAILED', retryable: false });
      assert.equal((await agent().readNodeJob(ghost, job)).state, 'Missing');
    });
  });
}
