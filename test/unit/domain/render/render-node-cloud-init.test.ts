import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validSpecFixture } from '../../../support/deployment-plan-fixture.js';
import { planTopology } from '../../../../shared/domain/topology/plan-topology.js';
import { renderCloudInit } from '../../../../shared/domain/render/render-cloud-init.js';
import { renderNodeCloudInit } from '../../../../shared/domain/render/render-node-cloud-init.js';

test('renders each node exactly as the plan made from the same spec does, and nothing for an unplanned node', () => {
  const spec = validSpecFixture(2, 3);
  const plan = planTopology(spec);
  for (const node of plan.datacenters.flatMap((dc) => dc.nodes)) {
    assert.equal(renderNodeCloudInit(spec, node, 'parallel'), renderCloudInit(plan, node, 'parallel'), node.name);
  }
  assert.equal(renderNodeCloudInit(spec, { name: 'demo-dc1-004', initial: false }, 'parallel'), undefined);
});

test('a node added to a running ring bootstraps with allocated tokens, even where the spec alone would plan it initial', () => {
  const spec = validSpecFixture(1, 4);
  const added = renderNodeCloudInit(spec, { name: 'demo-dc1-004', initial: false }, 'parallel')!;
  assert.doesNotMatch(added, /initial_token/);
  assert.match(added, /allocate_tokens_for_local_replication_factor: 3/);
  assert.match(renderNodeCloudInit(spec, { name: 'demo-dc1-004', initial: true }, 'parallel')!, /initial_token/);
});

test('a replacement starts once with replace_address_first_boot at the dead node\'s address, and never with planned tokens', () => {
  const spec = validSpecFixture(1, 3);
  const replacing = renderNodeCloudInit(spec, { name: 'demo-dc1-002', initial: false }, 'parallel', { replaceAddress: '127.1.1.5' })!;
  assert.match(replacing, /export JVM_EXTRA_OPTS="\$\{JVM_EXTRA_OPTS:-\} -Dcassandra\.replace_address_first_boot=127\.1\.1\.5"/);
  assert.doesNotMatch(replacing, /initial_token/);
  const seeds = /seeds: "([^"]*)"/.exec(replacing)?.[1];
  assert.equal(seeds, '127.1.1.4:7000,127.1.1.6:7000', 'a seed that finds itself among the seeds would not bootstrap, and a replacement must');
  assert.doesNotMatch(renderNodeCloudInit(spec, { name: 'demo-dc1-002', initial: false }, 'parallel')!, /replace_address/);
});
