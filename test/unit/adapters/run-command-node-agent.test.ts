import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';

const node = deploymentPlanFixture(1, 1).nodes[0]!;
const packed = (stdout: string) => ({ value: [{ code: 'ProvisioningState/succeeded', message: `Enable succeeded: \n[stdout]\n${stdout}\n\n[stderr]\n` }] });
const restError = (statusCode: number, retryAfter?: string) => Object.assign(new Error(`status ${statusCode}`), {
  statusCode, response: { headers: { get: (h: string) => (h === 'retry-after' ? retryAfter : undefined) } } });

/** A compute client whose runCommand answers from a script of outcomes (the one module under test is the agent). */
function compute(outcomes: (() => unknown)[], calls: string[][]) {
  return { virtualMachines: { runCommand: async (_rg: string, _vm: string, input: { script: string[] }) => {
    calls.push(input.script);
    const next = outcomes.shift();
    return next ? next() : packed('');
  } } } as unknown as ComputeManagementClient;
}

describe('RunCommandNodeAgent', () => {
  it('waits the given delays on 409 and 429, then reads the marker', async () => {
    const waits: number[] = [];
    const calls: string[][] = [];
    const agent = new RunCommandNodeAgent(compute([() => { throw restError(409); }, () => { throw restError(429, '7'); },
      () => packed('AUTOPILOT-STATUS startCassandra ok started')], calls), { conflictDelayInMs: 1234, sleep: async (ms) => { waits.push(ms); } });
    assert.deepEqual(await agent.runScript(node, 'startCassandra'), { ok: true, value: { detail: 'started', stderrTail: '' } });
    assert.deepEqual(waits, [1234, 7000]);
    assert.equal(calls.length, 3);
    assert.match(calls[0]!.join('\n'), /AUTOPILOT-STATUS startCassandra ok/);
  });

  it('throws a retryable conflict when the VM stays busy', async () => {
    const agent = new RunCommandNodeAgent(compute(Array(5).fill(() => { throw restError(409); }), []), { maxAttempts: 3, sleep: async () => undefined });
    await assert.rejects(agent.runScript(node, 'startCassandra'), { code: 'CASSOPS_RUN_COMMAND_CONFLICT', retryable: true });
  });

  it('passes other errors through untouched for the caller to classify', async () => {
    const agent = new RunCommandNodeAgent(compute([() => { throw restError(404); }], []), { sleep: async () => undefined });
    await assert.rejects(agent.runScript(node, 'startCassandra'), { statusCode: 404 });
  });

  it('returns a permanent failure when the script prints no marker (cut off, or never ran to its end)', async () => {
    const agent = new RunCommandNodeAgent(compute([() => packed('half the output')], []));
    const result = await agent.runScript(node, 'startCassandra');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error.message : '', /printed no status marker/);
  });
});
