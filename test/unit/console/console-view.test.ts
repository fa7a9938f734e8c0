import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeOperations, countNodesUp, describeChangePlan, formatAge, formatBytes, lastProvenBackupAt, lastRepairAt, pendingApprovals, planLedgerRows, planRing,
  type ApiChangePlan, type ApiHealth, type ApiNode, type ApiOperation,
} from '../../../console/console-view.js';

const node = (name: string, dc: string, rack: string, privateIp: string): ApiNode => ({ name, dc, rack, privateIp, isSeed: false, state: 'Joined' });
const health = (nodes: ApiHealth['nodes'], findings: ApiHealth['findings'] = []): ApiHealth =>
  ({ status: 'Healthy', evaluatedAt: '2026-01-01T00:00:00Z', findings, nodes });
const up = (n: string, state: 'up' | 'down' | 'unknown' = 'up') => ({ node: n, datacenter: 'dc1', rack: 'rack1', state });
const finding = (code: string, nodeName: string, since: string) => ({ code, severity: 'warning', node: nodeName, message: code, since });
const NOW = Date.parse('2026-01-02T00:00:00Z');

describe('planRing: the ring per DC and rack, each node with its state', () => {
  const nodes = [node('c-dc2-10', 'dc2', 'rack1', '127.2.1.4'), node('c-dc1-2', 'dc1', 'rack2', '127.1.1.5'),
    node('c-dc1-10', 'dc1', 'rack10', '127.1.1.6'), node('c-dc1-1', 'dc1', 'rack1', '127.1.1.4')];

  it('groups by DC, then rack, in natural order (rack2 before rack10)', () => {
    const ring = planRing(nodes, undefined);
    assert.deepEqual(ring.map((dc) => [dc.dc, dc.racks.map((r) => [r.rack, r.nodes.map((n) => n.address)])]), [
      ['dc1', [['rack1', ['127.1.1.4']], ['rack2', ['127.1.1.5']], ['rack10', ['127.1.1.6']]]],
      ['dc2', [['rack1', ['127.2.1.4']]]],
    ]);
  });

  const cases: [string, ApiHealth | undefined, string, string | undefined][] = [
    ['no check yet', undefined, '?N', undefined],
    ['up', health([up('c-dc1-1')]), 'UN', undefined],
    ['down, since its finding began', health([up('c-dc1-1', 'down')], [finding('node-down', 'c-dc1-1', '2026-01-01T10:00:00Z')]), 'DN', '2026-01-01T10:00:00Z'],
    ['not told apart', health([up('c-dc1-1', 'unknown')]), '?N', undefined],
    ['joining', health([up('c-dc1-1')], [finding('node-joining', 'c-dc1-1', '2026-01-01T11:00:00Z')]), 'UJ', '2026-01-01T11:00:00Z'],
    ['leaving', health([up('c-dc1-1')], [finding('node-leaving', 'c-dc1-1', '2026-01-01T11:00:00Z')]), 'UL', '2026-01-01T11:00:00Z'],
    ['a check that did not see it', health([up('c-dc1-2')]), '?N', undefined],
  ];
  for (const [what, h, state, since] of cases) {
    it(`a node ${what} reads ${state}`, () => {
      const n = planRing([nodes[3]!], h)[0]!.racks[0]!.nodes[0]!;
      assert.equal(n.state, state);
      assert.equal(n.since, since);
    });
  }

  it('gives each node only its own findings, and since the oldest of them', () => {
    const h = health([up('c-dc1-1', 'down'), up('c-dc1-2')], [finding('disk-usage-high', 'c-dc1-1', '2026-01-01T12:00:00Z'),
      finding('node-down', 'c-dc1-1', '2026-01-01T09:00:00Z'), finding('node-down', 'c-dc1-2', '2026-01-01T08:00:00Z'),
      { code: 'backup-stale', severity: 'warning', message: 'old', since: '2026-01-01T00:00:00Z' }]);
    const n = planRing([nodes[3]!], h)[0]!.racks[0]!.nodes[0]!;
    assert.deepEqual(n.findings.map((f) => f.code), ['disk-usage-high', 'node-down']);
    assert.equal(n.since, '2026-01-01T09:00:00Z');
  });
});

describe('the cluster at a glance', () => {
  it('counts nodes up as the latest check saw them, unknown and unseen as not up', () => {
    const nodes = [node('a', 'dc1', 'r1', '1'), node('b', 'dc1', 'r1', '2'), node('c', 'dc1', 'r1', '3')];
    assert.deepEqual(countNodesUp(nodes, health([up('a'), up('b', 'down'), up('c', 'unknown')])), { up: 1, total: 3 });
    assert.deepEqual(countNodesUp(nodes, undefined), { up: 0, total: 3 });
  });

  it('takes the last repair from the newest Succeeded run, ignoring failed and running ones', () => {
    const run = (state: string, endedAt?: string) => ({ runId: state, state, segmentsDone: 0, segmentsTotal: 0, percent: 0, ...(endedAt ? { endedAt } : {}) });
    assert.equal(lastRepairAt([run('Failed', '2026-01-03T00:00:00Z'), run('Succeeded', '2026-01-01T00:00:00Z'),
      run('Succeeded', '2026-01-02T00:00:00Z'), run('Running')]), '2026-01-02T00:00:00Z');
    assert.equal(lastRepairAt([run('Cancelled', '2026-01-01T00:00:00Z')]), undefined);
  });

  it('takes the last proven backup from the newest backup a drill proved', () => {
    const backup = (createdAt: string, proven: boolean) => ({ backupId: createdAt, status: 'Complete', createdAt, proven, stats: { bytes: 0, newBytes: 0 } });
    assert.equal(lastProvenBackupAt([backup('2026-01-03T00:00:00Z', false), backup('2026-01-02T00:00:00Z', true), backup('2026-01-01T00:00:00Z', true)]),
      '2026-01-02T00:00:00Z');
    assert.equal(lastProvenBackupAt([backup('2026-01-03T00:00:00Z', false)]), undefined);
  });

  const ages: [string | null | undefined, string][] = [
    [undefined, 'never'], [null, 'never'], ['not a time', 'never'], ['2026-01-01T23:59:15Z', '45 s'], ['2026-01-01T23:48:00Z', '12 min'],
    ['2026-01-01T18:30:00Z', '5 h'], ['2025-12-30T00:00:00Z', '3 d'], ['2026-01-02T00:05:00Z', '0 s'],
  ];
  for (const [iso, expected] of ages) it(`formats the age of ${iso} as ${expected}`, () => assert.equal(formatAge(iso, NOW), expected));

  it('formats bytes in binary units', () => {
    assert.deepEqual([0, 512, 1536, 3.2 * 1024 ** 3].map(formatBytes), ['0 B', '512 B', '1.5 KiB', '3.2 GiB']);
  });
});

describe('planLedgerRows: each table against its gc_grace_seconds', () => {
  it('shows the share of the grace period used, n/a at gc_grace 0, and never-repaired tables by their age since creation', () => {
    const rows = planLedgerRows([
      { keyspace: 'shop', table: 'carts', gcGraceSeconds: 60, lastCompleteRepairAt: null, ageSeconds: 90, ratio: 1.5, status: 'critical' },
      { keyspace: 'shop', table: 'items', gcGraceSeconds: 864_000, lastCompleteRepairAt: '2026-01-01T00:00:00Z', ageSeconds: 7200, ratio: 7200 / 864_000, status: 'ok' },
      { keyspace: 'shop', table: 'cache', gcGraceSeconds: 0, lastCompleteRepairAt: null, ageSeconds: 30, ratio: null, status: 'unrepairable' },
    ]);
    assert.deepEqual(rows, [
      { table: 'shop.carts', lastRepair: 'never (1 min since creation)', gcGrace: '1 min', usedPercent: 150, status: 'critical' },
      { table: 'shop.items', lastRepair: '2 h ago', gcGrace: '10 d', usedPercent: 1, status: 'ok' },
      { table: 'shop.cache', lastRepair: 'never (30 s since creation)', gcGrace: '0 s', usedPercent: null, status: 'unrepairable' },
    ]);
  });
});

describe('operations running and approvals pending', () => {
  const op = (id: string, status: string, proposal = false): ApiOperation => ({ id, kind: 'ReplaceNode', status, percent: 0, steps: [],
    requestedBy: 'autopilot', trigger: 'remediation', createdAt: '2026-01-01T00:00:00Z',
    ...(proposal ? { proposal: { action: 'replace n3', reason: 'down again', expiresAt: '2026-01-01T04:00:00Z' } } : {}) });
  const ops = [op('a', 'AwaitingApproval', true), op('b', 'Running'), op('c', 'Succeeded'), op('d', 'Failed'), op('e', 'AwaitingApproval')];

  it('lists running and waiting operations, keeping the API order', () => {
    assert.deepEqual(activeOperations(ops).map((o) => o.id), ['a', 'b', 'e']);
  });
  it('offers approval only for operations awaiting one with a proposal to name', () => {
    assert.deepEqual(pendingApprovals(ops).map((o) => o.id), ['a']);
  });
});

describe('describeChangePlan: the plan preview in the update\'s confirmation', () => {
  const empty: ApiChangePlan = { nodesAdded: [], nodesRemoved: [], datacentersAdded: [], datacentersRemoved: [], replication: [],
    keyspacesUnmanaged: [], rollingRestart: [], inPlace: [], refused: [], notYetApplied: [], unchanged: false };

  it('names each change: DCs, nodes, replication, unmanaged keyspaces, restarts and in-place settings', () => {
    const d = describeChangePlan({ ...empty, datacentersAdded: ['dc2'], nodesAdded: [{ node: 'c-dc2-001', dc: 'dc2', rack: 'rack1' }],
      nodesRemoved: [{ node: 'c-dc1-004', dc: 'dc1', rack: 'rack1' }],
      replication: [{ keyspace: 'app', from: { dc1: 3 }, to: { dc1: 3, dc2: 3 } }, { keyspace: 'new', to: { dc1: 1 } }],
      keyspacesUnmanaged: ['old'], rollingRestart: [{ path: '$.cluster.jvm.maxHeapMiB' }], inPlace: [{ path: '$.schedules' }] });
    assert.deepEqual(d.changes, ['datacenter dc2 added', 'node c-dc2-001 added in dc2/rack1', 'node c-dc1-004 decommissioned from dc1/rack1',
      'keyspace app replication {dc1: 3} to {dc1: 3, dc2: 3}', 'keyspace new created with {dc1: 1}', 'keyspace old no longer managed (never dropped)',
      '$.cluster.jvm.maxHeapMiB applied by a rolling restart', '$.schedules applied in place']);
    assert.deepEqual([d.blockers, d.applicable], [[], true]);
  });

  it('is not applicable when anything is refused or not applied yet, or nothing changes', () => {
    const refused = describeChangePlan({ ...empty, inPlace: [{ path: '$.tags' }], refused: [{ path: '$.cluster.numTokens', reason: 'fixed at creation' }],
      notYetApplied: [{ path: '$.cluster.version', reason: 'not by an update yet' }] });
    assert.deepEqual([refused.blockers, refused.applicable], [['$.cluster.numTokens: fixed at creation', '$.cluster.version: not by an update yet'], false]);
    assert.equal(describeChangePlan({ ...empty, unchanged: true }).applicable, false);
  });
});
