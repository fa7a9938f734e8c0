import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerDeployCommand } from '../../../shared/cli/commands/deploy-command.js';
import { registerStatusCommand } from '../../../shared/cli/commands/status-command.js';
import { registerOpsCommand } from '../../../shared/cli/commands/ops-command.js';
import { runServiceCommand as run } from '../../support/run-service-command.js';

const step = (name: string, status: string, percent: number, message?: string) =>
  ({ name, status, percent, startedAt: '2026-01-01T00:00:00Z', ...(status !== 'Running' ? { endedAt: '2026-01-01T00:00:42Z' } : {}), ...(message ? { message } : {}) });

describe('autopilot deploy', () => {
  it('posts the spec with the key and idempotency key, then follows the steps to Succeeded', async () => {
    const polls = [
      { status: 'Running', percent: 10, steps: [step('network', 'Running', 0)] },
      { status: 'Running', percent: 60, steps: [step('network', 'Succeeded', 100), step('join', 'Running', 33, 'starting demo-dc1-002')] },
      { status: 'Succeeded', percent: 100, steps: [step('network', 'Succeeded', 100), step('join', 'Succeeded', 100)] },
    ];
    const r = await run(registerDeployCommand, ['deploy', 'spec.json', '--watch', '--interval-ms', '0', '--idempotency-key', 'k1'], (method) =>
      (method === 'POST' ? { status: 202, body: { operationId: 'op-1', clusterName: 'demo', statusUrl: '/api/operations/op-1' } }
        : { status: 200, body: { id: 'op-1', kind: 'DeployCluster', clusterName: 'demo', createdAt: '2026-01-01T00:00:00Z', ...polls.shift() } }),
    { AUTOPILOT_URL: 'http://127.0.0.1:7999/', AUTOPILOT_KEY: 'secret-key' });
    assert.equal(r.code, 0);
    assert.equal(r.requests[0]?.url, 'http://127.0.0.1:7999/api/clusters');
    assert.equal(r.requests[0]?.headers['x-functions-key'], 'secret-key');
    assert.equal(r.requests[0]?.headers['idempotency-key'], 'k1');
    assert.match(r.out, /\[ 33%\] join\s+Running\s+starting demo-dc1-002/);
    assert.match(r.out, /\[100%\] join\s+Succeeded\s+42s/);
    assert.equal(r.out.match(/\[ {2}0%\] network/g)?.length, 1, 'an unchanged step is not printed again');
    assert.equal(r.out.includes('secret-key') || r.err.includes('secret-key'), false);
  });

  it('exits 3 with the error when the operation fails', async () => {
    const r = await run(registerDeployCommand, ['deploy', 'spec.json', '--watch', '--interval-ms', '0'], (method) =>
      (method === 'POST' ? { status: 202, body: { operationId: 'op-2', clusterName: 'demo', statusUrl: '/api/operations/op-2' } }
        : { status: 200, body: { id: 'op-2', kind: 'DeployCluster', clusterName: 'demo', status: 'Failed', percent: 30, createdAt: 'x',
          steps: [step('nodes', 'Failed', 0)], error: { code: 'CASSOPS_ARM_FAILED', azureCode: 'AllocationFailed', message: 'VM x: AllocationFailed: no capacity' } } }));
    assert.equal(r.code, 3);
    assert.match(r.err, /CASSOPS_ARM_FAILED \(AllocationFailed\): VM x/);
  });

  it('shows every spec issue when the API refuses, and a key hint on 401', async () => {
    const invalid = await run(registerDeployCommand, ['deploy', 'spec.json'], () => ({ status: 400,
      body: { code: 'CASSOPS_SPEC_INVALID', message: 'The cluster spec has 1 problem(s).', issues: [{ path: '$.datacenters[0].nodes', message: 'must be at least 1' }] } }));
    assert.equal(invalid.code, 1);
    assert.match(invalid.err, /\$\.datacenters\[0\]\.nodes: must be at least 1/);
    const unauthorized = await run(registerDeployCommand, ['deploy', 'spec.json'], () => ({ status: 401 }));
    assert.match(unauthorized.err, /function key/);
  });
});

describe('autopilot status and ops', () => {
  it('lists clusters, and shows one cluster with its nodes', async () => {
    const list = await run(registerStatusCommand, ['status'], () => ({ status: 200, body: { clusters: [{ name: 'demo', state: 'Ready', lastOperationId: 'op-1' }] } }));
    assert.match(list.out, /demo\s+Ready\s+last operation op-1/);
    const one = await run(registerStatusCommand, ['status', 'demo'], (_m, url) => (url.endsWith('/api/clusters/demo') ? { status: 200, body: {
      name: 'demo', state: 'Ready', lastOperationId: 'op-1', runningOperationId: null,
      nodes: [{ name: 'demo-dc1-001', dc: 'dc1', rack: 'rack1', privateIp: '127.1.1.4', isSeed: true, state: 'Joined' }] } } : { status: 404 }));
    assert.match(one.out, /demo-dc1-001\s+dc1\/rack1\s+127\.1\.1\.4\s+Joined \(seed\)/);
  });

  it('prints an operation, lists a cluster\'s operations, and 404s as an error', async () => {
    const ok = await run(registerOpsCommand, ['ops', 'op-1'], () => ({ status: 200, body: { id: 'op-1', kind: 'DeleteCluster', clusterName: 'demo',
      status: 'Succeeded', percent: 100, createdAt: 'x', steps: [step('resources', 'Succeeded', 100)], requestedBy: 'master', trigger: 'api',
      tookOverFrom: [{ operationId: 'op-0', reason: 'its orchestration op-0 is Terminated' }] } }));
    assert.match(ok.out, /DeleteCluster demo: Succeeded 100% \(operation op-1, requested by master \(api\)\)/);
    assert.match(ok.out, /took over the lease of op-0: its orchestration op-0 is Terminated/);
    const listed = await run(registerOpsCommand, ['ops', '--cluster', 'demo', '--limit', '2'], (_m, url) => (url.endsWith('/api/clusters/demo/operations?limit=2')
      ? { status: 200, body: { cluster: 'demo', operations: [
        { id: 'op-2', kind: 'RepairCluster', clusterName: 'demo', status: 'Running', percent: 40, createdAt: '2026-01-01T01:00:00Z', steps: [],
          requestedBy: 'timer', trigger: 'timer' },
        { id: 'op-1', kind: 'DeployCluster', clusterName: 'demo', status: 'Succeeded', percent: 100, createdAt: '2026-01-01T00:00:00Z',
          endedAt: '2026-01-01T00:01:05Z', steps: [], requestedBy: 'ada', trigger: 'api' }] } } : { status: 404 }));
    assert.equal(listed.code, 0);
    assert.match(listed.out, /^OPERATION\s+KIND\s+STATUS\s+CREATED\s+TOOK\s+BY\nop-2\s+RepairCluster\s+Running 40%\s+2026-01-01T01:00:00Z\s+-\s+timer \(timer\)\nop-1\s+DeployCluster\s+Succeeded\s+2026-01-01T00:00:00Z\s+65s\s+ada \(api\)\n$/);
    const neither = await run(registerOpsCommand, ['ops'], () => ({ status: 500 }));
    assert.deepEqual([neither.code, neither.requests.length], [1, 0]);
    assert.match(neither.err, /give an operation id, or --cluster/);
    const missing = await run(registerOpsCommand, ['ops', 'nope'], () => ({ status: 404, body: { code: 'CASSOPS_OPERATION_NOT_FOUND', message: "No operation has id 'nope'." } }));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /CASSOPS_OPERATION_NOT_FOUND/);
  });
});

describe('authentication on Azure', () => {
  it('sends AUTOPILOT_TOKEN as a bearer token beside the key, and prints neither; a 403 names the role it needs', async () => {
    const r = await run(registerStatusCommand, ['status', 'demo'], () => ({ status: 403, body: { code: 'CASSOPS_FORBIDDEN',
      message: 'GET /api/clusters/{name} needs the Reader role; \'ada@contoso.example (5b1a)\' holds none of the app\'s roles.' } }),
    { AUTOPILOT_URL: 'https://func.example.net', AUTOPILOT_KEY: 'secret-key', AUTOPILOT_TOKEN: 'eyJ.token.sig' });
    assert.equal(r.requests[0]?.headers.authorization, 'Bearer eyJ.token.sig');
    assert.equal(r.requests[0]?.headers['x-functions-key'], 'secret-key');
    assert.match(r.err, /CASSOPS_FORBIDDEN: .*needs the Reader role/);
    assert.equal(/eyJ\.token|secret-key/.test(r.out + r.err), false);
  });
});
