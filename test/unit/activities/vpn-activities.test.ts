import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createVpnActivities } from '../../../shared/activities/vpn-activities.js';
import { InMemoryArm } from '../../../shared/adapters/memory/in-memory-arm.js';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import { vpnSharedKeySecretName } from '../../../shared/domain/ports/secret-store.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';

const plan = deploymentPlanFixture(2, 1, { vpnGateway: true });
const owner = { cluster: 'demo', tags: {} };

async function world() {
  const arm = new InMemoryArm();
  const secrets = new InMemorySecretStore();
  for (const dc of plan.datacenters) {
    await arm.ensureResourceGroup(dc.resourceGroup, dc.location, owner);
    for (const nsg of dc.nsgs) await arm.ensureNsg(dc, nsg);
    await arm.ensureVnet(dc);
  }
  return { arm, secrets, activities: createVpnActivities({ arm, secrets } as unknown as ActivityDeps) };
}

describe('VPN activities', () => {
  it('generates the shared key once and keeps it: a re-run never changes the key a connection already carries', async () => {
    const { secrets, activities } = await world();
    assert.deepEqual(await activities.ensureVpnSharedKey({ clusterName: 'demo' }), { ok: true, value: undefined });
    const first = await secrets.getSecret(vpnSharedKeySecretName('demo'));
    assert.match(first ?? '', /^[0-9a-f]{64}$/);
    await activities.ensureVpnSharedKey({ clusterName: 'demo' });
    assert.equal(await secrets.getSecret(vpnSharedKeySecretName('demo')), first);
  });

  it('connects both directions with the stored key (Connected), and refuses a connection before any key is stored', async () => {
    const { activities } = await world();
    for (const gateway of plan.vpnGateways!) assert.equal((await activities.beginVpnGateway({ clusterName: 'demo', gateway })).ok, true);
    const [there, back] = plan.vpnConnections!.map((connection) => ({ clusterName: 'demo', connection }));
    const early = await activities.createOrUpdateVpnConnection(there!);
    assert.equal(!early.ok && early.error.code, 'CASSOPS_INTERNAL');
    await activities.ensureVpnSharedKey({ clusterName: 'demo' });
    for (const c of [there!, back!]) assert.deepEqual(await activities.createOrUpdateVpnConnection(c), { ok: true, value: undefined });
    assert.deepEqual(await activities.readVpnConnectionStatus(there!), { ok: true, value: 'Connected' });
  });

  it('reports a connection it left because another cluster owns it, by name and why', async () => {
    const { arm, activities } = await world();
    arm.createVpnConnectionByHand(plan.vpnConnections![0]!, 'other');
    const left = await activities.deleteVpnConnection({ clusterName: 'demo', connection: plan.vpnConnections![0]! });
    assert.equal(left.ok && left.value.name, 'con-demo-dc1-to-dc2');
    assert.equal(left.ok && left.value.deleted, false);
    assert.match((left.ok && left.value.reason) || '', /does not name cluster demo/);
  });
});
