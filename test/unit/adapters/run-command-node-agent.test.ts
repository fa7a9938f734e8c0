import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { ComputeManagementClient, VirtualMachineRunCommand, VirtualMachineRunCommandInstanceView } from '@azure/arm-compute';
import { renderSnapshotBackupScript } from '../../../shared/adapters/node-agent/backup-scripts.js';
import { RunCommandNodeAgent } from '../../../shared/adapters/node-agent/run-command-node-agent.js';
import { UploadSas } from '../../../shared/domain/ports/blob-store.js';
import type { NodeJob } from '../../../shared/domain/ports/node-agent-port.js';
import type { OpsError } from '../../../shared/errors/ops-error.js';
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

const SAS = 'sv=2025-01-05&sr=c&sp=rcw&sig=unit%2Bsecret%3D';
const secret = new UploadSas('https://stbk.blob.core.windows.net/backups-test', SAS, '2030-01-01T00:00:00Z', 'rcw', 'accountKey');
const job: NodeJob = { name: 'snap-b1-n1', script: 'snapshotBackup', parameters: { BACKUP_ID: 'b1', KEYSPACES: 'shop' } };

/** Managed run commands in a map, answering GET with the instance view the test sets; `faults` are thrown first, in order. */
function jobsCompute(views: Map<string, VirtualMachineRunCommandInstanceView | undefined>, puts: VirtualMachineRunCommand[], faults: (() => unknown)[] = []) {
  const next = () => { const fault = faults.shift(); if (fault) fault(); };
  return { virtualMachineRunCommands: {
    getByVirtualMachine: async (_rg: string, _vm: string, name: string, options: { expand?: string }) => {
      next();
      if (!views.has(name)) throw restError(404);
      return { name, instanceView: options.expand === 'instanceView' ? views.get(name) : undefined };
    },
    createOrUpdate: async (_rg: string, _vm: string, name: string, body: VirtualMachineRunCommand) => {
      next();
      puts.push(body);
      views.set(name, { executionState: 'Pending' });
      return body;
    },
    delete: async (_rg: string, _vm: string, name: string) => {
      next();
      if (!views.delete(name)) throw restError(404);
    },
  } } as unknown as ComputeManagementClient;
}

describe('RunCommandNodeAgent node jobs', () => {
  const noSleep = { sleep: async () => undefined };

  it('maps the instance view to the job status: ok marker, failed marker, or why there is none', async () => {
    const marker = (text: string) => `copying\nAUTOPILOT-STATUS snapshotBackup ${text}\n`;
    const cases: [VirtualMachineRunCommandInstanceView | undefined, string, string][] = [
      [undefined, 'Running', ''],
      [{ executionState: 'Pending' }, 'Running', ''],
      [{ executionState: 'Running', output: 'hashing' }, 'Running', ''],
      [{ executionState: 'Succeeded', output: marker('ok files=3 bytes=42') }, 'Succeeded', 'files=3 bytes=42'],
      [{ executionState: 'Succeeded', output: 'cut short' }, 'Failed', 'printed no status marker'],
      [{ executionState: 'Succeeded', output: 'AUTOPILOT-STATUS uploadBackup ok uploaded=1' }, 'Failed', 'printed no status marker'],
      [{ executionState: 'Failed', output: marker('failed flush-shop'), exitCode: 1 }, 'Failed', 'flush-shop'],
      [{ executionState: 'Failed', output: '', exitCode: 2 }, 'Failed', 'Failed'],
      [{ executionState: 'TimedOut', output: 'hashing' }, 'Failed', 'TimedOut'],
      [{ executionState: 'Canceled' }, 'Failed', 'Canceled'],
    ];
    for (const [view, state, detail] of cases) {
      const agent = new RunCommandNodeAgent(jobsCompute(new Map([[job.name, view]]), []), noSleep);
      const status = await agent.readNodeJob(node, job);
      assert.deepEqual([status.state, status.detail], [state, detail], JSON.stringify(view));
    }
  });

  it('keeps the last 500 characters of stderr, and reads an unknown job as Missing', async () => {
    const views = new Map([[job.name, { executionState: 'Failed', error: `${'x'.repeat(600)}disk full` }]]);
    const agent = new RunCommandNodeAgent(jobsCompute(views, []), noSleep);
    const status = await agent.readNodeJob(node, job);
    assert.equal(status.stderrTail.length, 500);
    assert.ok(status.stderrTail.endsWith('disk full'));
    assert.deepEqual(await agent.readNodeJob(node, { ...job, name: 'other' }), { state: 'Missing', detail: '', stderrTail: '' });
  });

  it('starts a job as an asynchronous run command, the SAS only as its protected parameter', async () => {
    const puts: VirtualMachineRunCommand[] = [];
    const agent = new RunCommandNodeAgent(jobsCompute(new Map(), puts), { ...noSleep, jobTimeoutInMs: 3_600_000 });
    assert.deepEqual(await agent.startNodeJob(node, job, secret), { state: 'Running', detail: '', stderrTail: '' });
    const [body] = puts;
    assert.deepEqual({ ...body, source: undefined }, { location: node.location, source: undefined,
      parameters: [{ name: 'BACKUP_ID', value: 'b1' }, { name: 'KEYSPACES', value: 'shop' }],
      protectedParameters: [{ name: 'SAS', value: SAS }], asyncExecution: true, timeoutInSeconds: 3600 });
    assert.deepEqual(body!.source!.script!.split('\n'), renderSnapshotBackupScript());
    assert.ok(!body!.source!.script!.includes(SAS));
  });

  it('does not start a job of a name the VM holds again: it returns that run\'s status', async () => {
    const puts: VirtualMachineRunCommand[] = [];
    const views = new Map([[job.name, { executionState: 'Succeeded', output: 'AUTOPILOT-STATUS snapshotBackup ok files=0 bytes=0' }]]);
    const agent = new RunCommandNodeAgent(jobsCompute(views, puts), noSleep);
    assert.deepEqual(await agent.startNodeJob(node, job, secret), { state: 'Succeeded', detail: 'files=0 bytes=0', stderrTail: '' });
    assert.equal(puts.length, 0);
  });

  it('waits out 409 and 429 on job calls, then throws them retryable', async () => {
    const waits: number[] = [];
    const puts: VirtualMachineRunCommand[] = [];
    const views = new Map<string, VirtualMachineRunCommandInstanceView | undefined>();
    const busy = new RunCommandNodeAgent(jobsCompute(views, puts, [() => { throw restError(409); }, () => { throw restError(429, '3'); }]),
      { conflictDelayInMs: 55, sleep: async (ms) => { waits.push(ms); } });
    assert.equal((await busy.startNodeJob(node, job, secret)).state, 'Running');
    assert.deepEqual([waits, puts.length], [[55, 3000], 1]);
    const stuck = new RunCommandNodeAgent(jobsCompute(views, [], Array(5).fill(() => { throw restError(409); })), { ...noSleep, maxAttempts: 2 });
    await assert.rejects(stuck.readNodeJob(node, job), { name: 'OpsError', code: 'CASSOPS_RUN_COMMAND_CONFLICT', retryable: true });
  });

  it('throws an SDK error as an OpsError that holds neither the request nor the SAS', async () => {
    const refused = () => {
      throw Object.assign(restError(400), { code: 'InvalidParameter', message: `protectedParameters[0].value '${SAS}' is not valid`,
        request: { body: JSON.stringify({ protectedParameters: [{ name: 'SAS', value: SAS }] }) } });
    };
    const agent = new RunCommandNodeAgent(jobsCompute(new Map(), [], [() => undefined, refused]), noSleep);
    const error = await agent.startNodeJob(node, job, secret).then(() => assert.fail('started'), (e: unknown) => e as OpsError);
    assert.deepEqual([error.name, error.code, error.retryable, error.cause], ['OpsError', 'CASSOPS_ARM_FAILED', false, undefined]);
    assert.ok(!inspect(error, { depth: 10 }).includes(SAS), inspect(error));
    assert.match(error.message, /^Run command snap-b1-n1 on .*: InvalidParameter: .*\[redacted\]/);
  });

  it('deletes a job, and takes a job already gone as deleted', async () => {
    const views = new Map([[job.name, { executionState: 'Running' }]]);
    const agent = new RunCommandNodeAgent(jobsCompute(views, []), noSleep);
    await agent.deleteNodeJob(node, job.name);
    assert.equal(views.size, 0);
    await agent.deleteNodeJob(node, job.name);
  });
});
