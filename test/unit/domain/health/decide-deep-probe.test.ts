import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideDeepProbe, estimateVmWriteTokens } from '../../../../shared/domain/health/decide-deep-probe.js';
import { DEFAULT_HEALTH_THRESHOLDS as T } from '../../../../shared/domain/health/health-thresholds.js';

const NOW = '2026-01-01T12:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const MIN = 60_000;
const base = { now: NOW, troubleSuspected: false, operationRunning: false, recentVmWrites: {} };

const cases: { name: string; input: Partial<Parameters<typeof decideDeepProbe>[0]>; run: boolean; reason: string }[] = [
  { name: 'never probed', input: {}, run: true, reason: 'first-probe' },
  { name: 'probed 5 min ago, all well', input: { lastDeepProbeAt: ago(5 * MIN) }, run: false, reason: 'not-due' },
  { name: 'interval elapsed', input: { lastDeepProbeAt: ago(T.deepProbeIntervalInMs + MIN) }, run: true, reason: 'interval-elapsed' },
  { name: 'an hour since the last, all well: the disk is not read again yet', input: { lastDeepProbeAt: ago(60 * MIN) }, run: false, reason: 'not-due' },
  { name: 'trouble suspected: runs before the interval', input: { lastDeepProbeAt: ago(5 * MIN), troubleSuspected: true }, run: true, reason: 'trouble-suspected' },
  { name: 'trouble, but probed a minute ago', input: { lastDeepProbeAt: ago(1 * MIN), troubleSuspected: true }, run: false, reason: 'too-soon' },
  { name: 'a mutating operation holds the lease', input: { troubleSuspected: true, operationRunning: true }, run: false, reason: 'operation-running' },
  { name: 'a VM just took six writes: keep the reserve', input: { troubleSuspected: true, recentVmWrites: { vm1: Array.from({ length: 6 }, () => ago(1000)) } }, run: false, reason: 'write-budget' },
  { name: 'writes long ago have refilled', input: { troubleSuspected: true, recentVmWrites: { vm1: Array.from({ length: 12 }, () => ago(10 * MIN)) } }, run: true, reason: 'first-probe' },
];

for (const c of cases) {
  test(`deep probe: ${c.name}`, () => {
    assert.deepEqual(decideDeepProbe({ ...base, ...c.input }, T), { run: c.run, reason: c.reason });
  });
}

test('the write bucket estimate: full, drained, refilled at 4 a minute, capped at 12', () => {
  const now = Date.parse(NOW);
  assert.equal(estimateVmWriteTokens([], now), 12);
  assert.equal(estimateVmWriteTokens(Array.from({ length: 12 }, () => NOW), now), 0);
  assert.ok(Math.abs(estimateVmWriteTokens(Array.from({ length: 12 }, () => ago(MIN)), now) - 4) < 1e-9);
  assert.equal(estimateVmWriteTokens([ago(60 * MIN)], now), 12);
});
