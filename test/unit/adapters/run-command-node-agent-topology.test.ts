import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ComputeManagementClient, VirtualMachineRunCommand } from '@azure/arm-compute';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { renderDecommissionNodeScript } from '../../../shared/adapters/node-agent/topology-scripts.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';

const node = deploymentPlanFixture(1, 1).nodes[0]!;

describe('RunCommandNodeAgent topology jobs', () => {
  it('starts a job without a secret as a run command with no protected parameters at all', async () => {
    const puts: VirtualMachineRunCommand[] = [];
    const compute = { virtualMachineRunCommands: {
      getByVirtualMachine: async (_rg: string, _vm: string, name: string) => {
        if (puts.length === 0) throw Object.assign(new Error('not found'), { statusCode: 404 });
        return { name, instanceView: { executionState: 'Running' } };
      },
      createOrUpdate: async (_rg: string, _vm: string, _name: string, body: VirtualMachineRunCommand) => { puts.push(body); return body; },
    } } as unknown as ComputeManagementClient;
    const agent = new RunCommandNodeAgent(compute, { sleep: async () => undefined, jobTimeoutInMs: 7_200_000 });
    const job = { name: 'ap-decom-op-1', script: 'decommissionNode' as const, parameters: {} };
    assert.deepEqual(await agent.startNodeJob(node, job), { state: 'Running', detail: '', stderrTail: '' });
    const [body] = puts;
    assert.deepEqual({ ...body, source: undefined },
      { location: node.location, source: undefined, parameters: [], asyncExecution: true, timeoutInSeconds: 7200 });
    assert.deepEqual(body!.source!.script!.split('\n'), renderDecommissionNodeScript());
  });
});
