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
    assert.equal(renderNodeCloudInit(spec, node.name, 'parallel'), renderCloudInit(plan, node, 'parallel'), node.name);
  }
  assert.equal(renderNodeCloudInit(spec, 'demo-dc1-004', 'parallel'), undefined);
});
