import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { remediateHealthChange, type RemediationDeps } from '../../../shared/api/remediate-health-change.js';
import { InMemoryRemediationStore } from '../../../shared/adapters/memory/in-memory-remediation-store.js';
import { ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { RestartClusterInput } from '../../../shared/contracts/restart-io.js';
import type { HealthStatusChangedEvent } from '../../../shared/domain/health/health-store.js';
import { backupApiWorld } from '../../support/backup-api-world.js';
import { listRemediationsRequest } from '../../../shared/api/remediation-requests.js';
import { RemediationListSchema } from '../../../shared/api/api-schemas.js';

async function world(state: 'Ready' | 'Provisioning' = 'Ready') {
  const w = await backupApiWorld({ orders: state });
  const remediations = new InMemoryRemediationStore();
  const node = (await w.state.getCluster('orders'))!.plan.nodes[1]!.name;
  return { ...w, node, remediations, deps: { ...(w.deps as unknown as RemediationDeps), remediations } };
}
const change = (checkId: string, node: string, status: HealthStatusChangedEvent['status'] = 'Degraded'): HealthStatusChangedEvent => ({
  type: 'ClusterHealthChanged', cluster: 'orders', status, at: '2026-01-10T12:00:00.000Z', checkId,
  findings: status === 'Healthy' ? [] : [{ code: 'node-down', severity: 'warning', node }] });

describe('the autopilot acting on a health change', () => {
  it('restarts the down node as a remediation operation, once however often the event is delivered, and records it', async () => {
    const w = await world();
    const [decision] = await remediateHealthChange(w.deps, change('check-1', w.node));
    assert.deepEqual([decision?.decision, decision?.operationId], ['taken', 'remediate-check-1']);
    assert.deepEqual(w.started.map((s) => [s.name, s.instanceId, (s.input as RestartClusterInput).nodes.map((n) => n.name)]),
      [[ORCHESTRATIONS.restartCluster, 'remediate-check-1', [w.node]]]);
    const op = await w.state.getOperation('remediate-check-1');
    assert.deepEqual([op?.kind, op?.trigger, op?.requestedBy], ['RestartCluster', 'remediation', 'autopilot']);
    await remediateHealthChange(w.deps, change('check-1', w.node));
    assert.equal(w.started.length, 1, 'a redelivered event starts nothing again');
    assert.deepEqual((await w.remediations.listDecisions('orders', 10)).map((d) => [d.id, d.decision, d.operationId]),
      [[`check-1:${w.node}`, 'taken', 'remediate-check-1']]);
    const listed = RemediationListSchema.parse((await listRemediationsRequest(w.deps, 'orders')).body);
    assert.deepEqual(listed.decisions.map((d) => d.id), [`check-1:${w.node}`], 'GET /remediations answers as the OpenAPI document says');
  });

  it('the node down again within the hour is to be replaced, not restarted; nothing starts while another operation holds the cluster, saying which', async () => {
    const w = await world();
    await remediateHealthChange(w.deps, change('check-1', w.node));
    const [again] = await remediateHealthChange(w.deps, change('check-2', w.node));
    assert.deepEqual([again?.action, again?.decision], ['replaceNode', 'declined']);
    assert.match(again?.reason ?? '', /Operation 'remediate-check-1' \(RestartCluster\) is running/);
    const other = (await w.state.getCluster('orders'))!.plan.nodes[2]!.name;
    const [busy] = await remediateHealthChange(w.deps, change('check-3', other));
    assert.equal(busy?.decision, 'declined');
    assert.match(busy?.reason ?? '', /Operation 'remediate-check-1' \(RestartCluster\) is running on cluster 'orders'\. The next check decides again\./);
    assert.equal(w.started.length, 1);
  });

  it('records nothing to do for a healthy change or a cluster not Ready, and nothing for a cluster that is gone', async () => {
    const w = await world();
    assert.deepEqual((await remediateHealthChange(w.deps, change('check-4', w.node, 'Healthy'))).map((d) => d.decision), ['nothing-to-do']);
    const building = await world('Provisioning');
    const [notReady] = await remediateHealthChange(building.deps, change('check-5', building.node));
    assert.deepEqual([notReady?.decision, notReady?.reason], ['nothing-to-do', 'the cluster is Provisioning, not Ready: nothing automatic']);
    assert.deepEqual(await remediateHealthChange(w.deps, { ...change('check-6', w.node), cluster: 'gone' }), []);
    assert.deepEqual([w.started, building.started], [[], []]);
  });
});
