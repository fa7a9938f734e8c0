import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deployCluster } from '../../../shared/orchestrations/deploy-cluster.js';
import type { DeployClusterInput } from '../../../shared/contracts/activity-io.js';

const MAX_INPUT_BYTES = 4 * 1024;
const NODE_NAME = /demo-dc\d+-\d{3}/g;

function deployLargest(): FakeOrchestrationRunner {
  const input: DeployClusterInput = { operationId: 'op-1', plan: deploymentPlanFixture(2, 250), spec: validSpecFixture(2, 250),
    settings: { joinTimeoutInMs: 60_000, joinPollIntervalInMs: 5_000, nodeConcurrency: 50, firstBoot: 'ordered' } };
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (call: Scheduled) =>
    (call.name === 'probeNodeJoined' ? { isUpNormal: true, schemaAgrees: true, detail: 'UN' } : { ok: true, value: undefined }));
  assert.deepEqual(runner.run(deployCluster, input), { ok: true, value: undefined });
  return runner;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
/** The node an activity acts on: `node` itself, or the node whose state a progress record carries. */
const nodeOf = (c: Scheduled) => {
  const input = c.input as { node?: { name?: string; node?: { name: string } } };
  return input.node?.name ?? input.node?.node?.name;
};

describe('deployCluster at the largest size (2 DCs × 250 nodes)', () => {
  const runner = deployLargest();
  const activities = runner.log.filter((c) => c.kind === 'activity');

  it('gives every node-level activity a small input that names no other node', () => {
    const perNode = activities.filter((c) => nodeOf(c) !== undefined);
    assert.ok(perNode.length >= 500 * 4, `${perNode.length} node-level calls`);
    for (const call of perNode) {
      const json = JSON.stringify(call.input);
      assert.ok(bytes(call.input) < MAX_INPUT_BYTES, `${call.name} for ${nodeOf(call)}: ${bytes(call.input)} bytes`);
      const named = new Set(json.match(NODE_NAME));
      assert.deepEqual([...named], [nodeOf(call)], `${call.name} for ${nodeOf(call)} names ${[...named].join(', ')}`);
    }
    const largest = Math.max(...perNode.map((c) => bytes(c.input)));
    console.log(`largest node-level activity input: ${largest} bytes`);
  });

  it('keeps the cluster-level activity inputs small too: bounded contact points, no plan', () => {
    for (const name of ['hardenAuth', 'createKeyspaces', 'runSmokeTest']) {
      const call = activities.find((c) => c.name === name);
      assert.ok(call, name);
      assert.ok(bytes(call.input) < MAX_INPUT_BYTES, `${name}: ${bytes(call.input)} bytes`);
      assert.equal(JSON.stringify(call.input).includes('"nodes"'), false, name);
    }
    const largest = Math.max(...activities.map((c) => bytes(c.input)));
    console.log(`largest activity input of the whole deployment: ${largest} bytes`);
    assert.ok(largest < MAX_INPUT_BYTES);
  });
});
