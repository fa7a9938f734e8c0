import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deployCluster } from '../../../shared/orchestrations/deploy-cluster.js';
import { deleteCluster } from '../../../shared/orchestrations/delete-cluster.js';
import { VPN_CONNECTION_WAIT, VPN_GATEWAY_WAIT } from '../../../shared/orchestrations/provision-vpn-links.js';
import type { DeleteClusterInput, DeployClusterInput, FinishOperationInput } from '../../../shared/contracts/activity-io.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';

const plan = deploymentPlanFixture(2, 1, { vpnGateway: true });
const input: DeployClusterInput = { operationId: 'op-1', plan, spec: validSpecFixture(2, 1, { vpnGateway: true }),
  settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 10, firstBoot: 'parallel' } };
const joined = { isUpNormal: true, schemaAgrees: true, detail: 'UN' };

/** Gateways answer `gatewayStates` in turn (then Succeeded), connections `linkStates` (then Connected); all else succeeds. */
function world(gatewayStates: string[] = [], linkStates: string[] = [], override: (c: Scheduled) => unknown = () => undefined) {
  const gateways = [...gatewayStates];
  const links = [...linkStates];
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case 'beginVpnGateway': return { ok: true, value: gatewayStates.length > 0 ? 'Provisioning' : 'Succeeded' };
      case 'readVpnGatewayState': return { ok: true, value: gateways.shift() ?? 'Succeeded' };
      case 'readVpnConnectionStatus': return { ok: true, value: links.shift() ?? 'Connected' };
      case 'probeNodeJoined': case 'probeNodeInRing': return joined;
      default: return { ok: true, value: undefined };
    }
  };
}

const at = (log: Scheduled[], name: string) => log.findIndex((c) => c.name === name);
const lastAt = (log: Scheduled[], name: string) => log.map((c) => c.name === name).lastIndexOf(true);
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === 'finishOperation')?.input as FinishOperationInput;

describe('deployCluster with regions linked by VPN gateways', () => {
  it('begins every gateway after the VNets, beside the NICs and VMs, and connects both ways before any node starts', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    runner.run(deployCluster, input);
    const log = runner.log;
    assert.equal(runner.names().filter((n) => n === 'createOrUpdatePeering').length, 0, 'no peering');
    assert.deepEqual(log.filter((c) => c.name === 'beginVpnGateway').map((c) => (c.input as { gateway: { name: string } }).gateway.name),
      ['vgw-demo-dc1', 'vgw-demo-dc2']);
    assert.ok(at(log, 'beginVpnGateway') > lastAt(log, 'createOrUpdateVnet'), 'a gateway needs its VNet\'s GatewaySubnet');
    assert.ok(runner.batches.some((b) => b.some((c) => c.name === ORCHESTRATIONS.provisionNodes) && b.some((c) => c.name === ORCHESTRATIONS.provisionPeerings)),
      'the links are started in the same Task.all as the machines: neither waits for the other');
    assert.ok(runner.batches.some((b) => b.some((c) => c.name === 'ensureVpnSharedKey') && b.some((c) => c.name === 'beginVpnGateway')));
    assert.ok(at(log, 'createOrUpdateVpnConnection') > lastAt(log, 'beginVpnGateway'));
    assert.deepEqual(log.filter((c) => c.name === 'createOrUpdateVpnConnection').map((c) => (c.input as { connection: { name: string } }).connection.name),
      ['con-demo-dc1-to-dc2', 'con-demo-dc2-to-dc1']);
    const firstNodeStart = at(log, 'runNodeScript');
    assert.ok(firstNodeStart > lastAt(log, 'readVpnConnectionStatus'), 'cross-DC gossip needs the link: joins wait for Connected');
    assert.ok(firstNodeStart > lastAt(log, 'createOrUpdateVm'));
    assert.ok(runner.log.some((c) => c.kind === 'sub' && c.name === ORCHESTRATIONS.firstBootNodesV2),
      'a parallel first boot started by Run Command once the link is up (cloud-init starts nothing)');
    assert.ok(!JSON.stringify(log.map((c) => c.input)).toLowerCase().includes('sharedkey'), 'no activity input carries the shared key');
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('polls a gateway Azure is still building with durable timers, then connects', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(['Provisioning', 'Provisioning']));
    runner.run(deployCluster, input);
    const timers = runner.log.filter((c) => c.kind === 'timer' && c.depth > 0);
    assert.ok(timers.length >= 2, `timers: ${timers.length}`);
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    assert.ok(timers.every((t) => (t.fireAt as Date).getTime() - start >= VPN_GATEWAY_WAIT.intervalInMs));
    assert.ok(at(runner.log, 'createOrUpdateVpnConnection') > lastAt(runner.log, 'readVpnGatewayState'));
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  const failures: { name: string; gateways?: string[]; links?: string[]; message: RegExp }[] = [
    { name: 'a gateway that fails to provision', gateways: ['Failed'], message: /VPN gateway vgw-demo-dc1 failed to provision/ },
    { name: 'a gateway never done in time', gateways: Array(VPN_GATEWAY_WAIT.timeoutInMs / VPN_GATEWAY_WAIT.intervalInMs + 5).fill('Provisioning'),
      message: /vgw-demo-dc1 did not provision within 120 minutes/ },
    { name: 'a connection never Connected', links: Array(VPN_CONNECTION_WAIT.timeoutInMs / VPN_CONNECTION_WAIT.intervalInMs + 5).fill('NotConnected'),
      message: /con-demo-dc1-to-dc2 is NotConnected, not Connected, after 20 minutes/ },
  ];
  for (const f of failures) {
    it(`fails the deployment with CASSOPS_ARM_FAILED on ${f.name}, and starts no node`, () => {
      const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(f.gateways, f.links));
      runner.run(deployCluster, input);
      const finish = finishOf(runner);
      assert.equal(finish.status, 'Failed');
      assert.equal(finish.error?.code, 'CASSOPS_ARM_FAILED');
      assert.match(finish.error?.message ?? '', f.message);
      assert.equal(at(runner.log, 'runNodeScript'), -1);
    });
  }

  it('stops at a refused connection with Azure\'s code', () => {
    const refused = { ok: false, error: { code: 'CASSOPS_ARM_FAILED', message: 'con: ReferencedResourceNotProvisioned', azureCode: 'ReferencedResourceNotProvisioned' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world([], [], (c) => (c.name === 'createOrUpdateVpnConnection' ? refused : undefined)));
    runner.run(deployCluster, input);
    assert.equal(finishOf(runner).error?.code, 'CASSOPS_ARM_FAILED');
    assert.equal(at(runner.log, 'readVpnConnectionStatus'), -1);
  });
});

describe('deleteCluster with VPN connections', () => {
  const del: DeleteClusterInput = { operationId: 'op-d', clusterName: 'demo', resourceGroups: plan.resourceGroups, vpnConnections: plan.vpnConnections };

  it('deletes the connections before any resource group (Azure keeps a gateway a connection uses), then the secrets', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (c) => (c.name === 'deleteVpnConnection'
      ? { ok: true, value: { name: (c.input as { connection: { name: string } }).connection.name, deleted: true } } : { ok: true, value: undefined }));
    runner.run(deleteCluster, del, 'op-d');
    assert.deepEqual(runner.names().filter((n) => n !== 'recordProgress'),
      ['deleteVpnConnection', 'deleteVpnConnection', 'deleteResourceGroup', 'deleteResourceGroup', 'deleteClusterSecrets', 'finishOperation']);
    assert.equal(finishOf(runner).clusterState, 'Deleted');
  });

  it('names a connection it left because the product did not make it, and still deletes the rest', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (c) => (c.name === 'deleteVpnConnection'
      ? { ok: true, value: { name: (c.input as { connection: { name: string } }).connection.name, deleted: false, reason: 'not ours' } }
      : { ok: true, value: undefined }));
    runner.run(deleteCluster, del, 'op-d');
    const links = runner.log.find((c) => c.name === 'recordProgress' && (c.input as { step: string; status: string }).step === 'links'
      && (c.input as { status: string }).status === 'Succeeded');
    assert.match((links?.input as { message?: string }).message ?? '', /left VPN connection con-demo-dc1-to-dc2: not ours/);
    assert.ok(runner.names().includes('deleteResourceGroup'));
  });
});
