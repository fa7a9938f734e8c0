import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArmError } from '../../../local/arm-sim/arm-error.js';
import { LroEngine } from '../../../local/arm-sim/lro-engine.js';

const engine = () => new LroEngine(() => 'https://127.0.0.1:9');
const target = { resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm', verb: 'PUT' };
const base = { subscriptionId: 's', namespace: 'Microsoft.Compute', location: 'westeurope', delayInMs: 0, target };

test('an operation runs its work once and reports InProgress, then Succeeded with its result', async () => {
  const lro = engine();
  let runs = 0;
  const { operation, headers } = lro.start({ ...base, work: async () => { runs++; return { value: [{ message: 'ok' }] }; }, outputInStatus: true });
  assert.equal(headers['azure-asyncoperation'], `https://127.0.0.1:9/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/${operation.id}?api-version=2025-01-01`);
  assert.match(headers.location, /\/operationResults\/.+&monitor=true$/);
  assert.equal(lro.statusBody(operation).status, 'InProgress');
  await lro.settle(operation, 1_000);
  const body = lro.statusBody(operation);
  assert.equal(body.status, 'Succeeded');
  assert.deepEqual(body.properties, { output: { value: [{ message: 'ok' }] } });
  assert.equal(runs, 1);
  assert.equal(lro.get(operation.id.toUpperCase()), operation, 'ids are case-insensitive');
});

test('a throwing work fails the operation with its ARM code, or InternalExecutionError', async () => {
  const lro = engine();
  const armFailure = lro.start({ ...base, work: async () => { throw new ArmError('AllocationFailed', 'no room'); } }).operation;
  const plainFailure = lro.start({ ...base, work: async () => { throw new Error('guest broke'); } }).operation;
  await Promise.all([lro.settle(armFailure, 1_000), lro.settle(plainFailure, 1_000)]);
  assert.deepEqual(lro.statusBody(armFailure).error, { code: 'AllocationFailed', message: 'no room', details: [] });
  assert.deepEqual(lro.statusBody(plainFailure).error, { code: 'InternalExecutionError', message: 'guest broke', details: [] });
  assert.equal(lro.statusBody(plainFailure).properties, undefined);
});

test('lists each operation with its target and the duration drawn for it, once it ends with its end time', async () => {
  const lro = engine();
  const quick = lro.start({ ...base, work: async () => undefined }).operation;
  lro.start({ ...base, delayInMs: 60_000, target: { ...target, verb: 'start' }, work: async () => undefined });
  await lro.settle(quick, 1_000);
  const [done, waiting] = lro.list();
  assert.deepEqual({ ...done, startTime: undefined, endTime: undefined }, { id: quick.id, ...target, status: 'Succeeded', delayInMs: 0, startTime: undefined, endTime: undefined });
  assert.ok(Date.parse(done!.endTime!) >= Date.parse(done!.startTime));
  assert.deepEqual([waiting!.verb, waiting!.status, waiting!.delayInMs, waiting!.endTime], ['start', 'InProgress', 60_000, undefined]);
  lro.stop();
});

test('stop cancels operations still waiting for their delay', async () => {
  const lro = engine();
  let ran = false;
  const { operation } = lro.start({ ...base, delayInMs: 50, work: async () => { ran = true; } });
  lro.stop();
  await lro.settle(operation, 120);
  assert.equal(operation.status, 'InProgress');
  assert.equal(ran, false);
});
