import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideHealthEvent, type AlertRecord, type HealthCheckRecord, type HealthStore } from '../../shared/domain/health/health-store.js';
import type { HealthStatus } from '../../shared/domain/health/health-report.js';

/** A recorded check of `nodeCount` nodes; anything but Healthy carries one finding on n2. */
export function healthCheck(cluster: string, checkId: string, evaluatedAt: string, status: HealthStatus,
  nodeCount = 3): HealthCheckRecord {
  const nodes = Array.from({ length: nodeCount }, (_, i) =>
    ({ node: `n${i}`, datacenter: 'dc1', rack: `rack${i % 3}`, state: 'up' as const, diskUsedPercent: 40 + i / 10 }));
  const findings = status === 'Healthy' ? [] : [{
    code: 'node-down' as const, severity: 'warning' as const, node: 'n2', datacenter: 'dc1',
    message: 'Node n2 is down.', action: 'Restart it.', since: evaluatedAt,
  }];
  return {
    cluster, checkId, trigger: 'timer',
    report: { status, evaluatedAt, findings, nodes, deepProbe: false },
    views: { cql: { observedAt: evaluatedAt, reachable: true, up: [], down: [], schemaVersions: 1 },
      azure: { observedAt: evaluatedAt, ok: true, power: {} }, probes: {} },
    vmWrites: {},
  };
}

/** 25 check times 15 minutes apart from 2026-03-02T20:00Z: 16 on that day, 9 on the next. */
export const ACROSS_DAYS = Array.from({ length: 25 }, (_, i) =>
  new Date(Date.parse('2026-03-02T20:00:00.000Z') + i * 15 * 60_000).toISOString());

const alert: AlertRecord = {
  alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a1', monitorCondition: 'Fired',
  alertRule: 'vm-availability', severity: 'Sev1', signalType: 'Metric', receivedAt: '2026-03-01T10:00:00.000Z',
  targets: ['/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1'],
};

/**
 * The HealthStore contract: the Table adapter on Azurite and the in-memory twin run these same
 * cases, so the twin cannot drift from the store health checks and the API read.
 */
export function describeHealthStoreContract(name: string, store: () => HealthStore): void {
  describe(`HealthStore contract: ${name}`, () => {
    it('latest cluster and node health are point reads after a check is recorded', async () => {
      const first = await store().recordCheck(healthCheck('alpha', 'c1', '2026-03-01T10:00:00.000Z', 'Healthy'));
      assert.deepEqual(first, { becameLatest: true, replacedStatus: undefined, replacedCheckId: undefined, replacedActionable: undefined });
      const latest = await store().getLatest('alpha');
      assert.equal(latest?.report.status, 'Healthy');
      assert.equal(latest?.checkId, 'c1');
      assert.equal((await store().getNodeLatest('alpha', 'n1'))?.diskUsedPercent, 40.1);
      assert.equal(await store().getLatest('nobody'), undefined);
      assert.equal(await store().getNodeLatest('alpha', 'n9'), undefined);
    });

    it('a status change reports the replaced status and actionable findings, so exactly one change event is decided', async () => {
      const record = healthCheck('beta', 'b1', '2026-03-01T10:00:00.000Z', 'Healthy');
      const r1 = await store().recordCheck(record);
      assert.ok(decideHealthEvent(record, r1), 'first status is a change from nothing');
      const degraded = healthCheck('beta', 'b2', '2026-03-01T10:05:00.000Z', 'Degraded');
      const r2 = await store().recordCheck(degraded);
      assert.deepEqual(r2, { becameLatest: true, replacedStatus: 'Healthy', replacedCheckId: 'b1', replacedActionable: '' });
      assert.equal(decideHealthEvent(degraded, r2)?.findings[0]?.node, 'n2');
      const same = healthCheck('beta', 'b3', '2026-03-01T10:10:00.000Z', 'Degraded');
      const r3 = await store().recordCheck(same);
      assert.equal(r3.replacedActionable, 'node-down:n2');
      assert.equal(decideHealthEvent(same, r3), undefined, 'no change, no event');
      const secondDown = healthCheck('beta', 'b4', '2026-03-01T10:15:00.000Z', 'Degraded');
      secondDown.report.findings.push({ ...secondDown.report.findings[0]!, node: 'n1', message: 'Node n1 is down.' });
      assert.deepEqual(decideHealthEvent(secondDown, await store().recordCheck(secondDown))?.findings.map((f) => f.node), ['n2', 'n1'],
        'a second node down while Degraded is news for the autopilot');
    });

    it('a retried record is idempotent; a check older than the latest goes to history only', async () => {
      const newer = healthCheck('gamma', 'g2', '2026-03-01T11:00:00.000Z', 'Degraded');
      await store().recordCheck(healthCheck('gamma', 'g1', '2026-03-01T10:00:00.000Z', 'Healthy'));
      const once = await store().recordCheck(newer);
      const again = await store().recordCheck(newer);
      assert.deepEqual(again, once);
      const stale = await store().recordCheck(healthCheck('gamma', 'g0', '2026-03-01T10:30:00.000Z', 'Critical'));
      assert.deepEqual(stale, { becameLatest: false, replacedStatus: 'Degraded' });
      assert.equal((await store().getLatest('gamma'))?.checkId, 'g2');
      const day = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T23:59:59.999Z', pageSize: 50 };
      const page = await store().listHistory('gamma', day);
      assert.deepEqual(page.items.map((i) => i.checkId), ['g2', 'g0', 'g1']);
    });

    it('concurrent checks: the newest wins and exactly one claims each replaced status', async () => {
      const records = Array.from({ length: 6 }, (_, i) =>
        healthCheck('delta', `d${i}`, `2026-03-01T12:0${i}:00.000Z`, i % 2 === 0 ? 'Healthy' : 'Degraded'));
      const results = await Promise.all(records.map((r) => store().recordCheck(r)));
      assert.equal((await store().getLatest('delta'))?.checkId, 'd5');
      // Each stored version is superseded by at most one writer, so no two claim the same one.
      const claims = results.filter((r) => r.becameLatest).map((r) => r.replacedCheckId ?? 'none');
      assert.equal(new Set(claims).size, claims.length, claims.join(','));
      for (const r of results.filter((x) => x.becameLatest && x.replacedCheckId)) {
        assert.equal(r.replacedStatus, records.find((x) => x.checkId === r.replacedCheckId)!.report.status);
      }
    });

    it('history: newest first, paged across days and bounded by from/to; a foreign token is refused', async () => {
      for (const [i, t] of ACROSS_DAYS.entries()) {
        await store().recordCheck(healthCheck('eps', `e${String(i).padStart(2, '0')}`, t, 'Healthy'));
      }
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const window = { from: ACROSS_DAYS[2]!, to: ACROSS_DAYS[22]!, pageSize: 8, continuationToken: token };
        const page = await store().listHistory('eps', window);
        seen.push(...page.items.map((i) => i.checkId));
        token = page.continuationToken;
        pages++;
      } while (token);
      assert.equal(pages, 3);
      assert.deepEqual(seen, Array.from({ length: 21 }, (_, k) => `e${String(22 - k).padStart(2, '0')}`));
      const exact = await store().listHistory('eps', { from: ACROSS_DAYS[0]!, to: ACROSS_DAYS[3]!, pageSize: 4 });
      assert.equal(exact.continuationToken, undefined, 'a page that holds the rest is the last one');
      const foreign = { from: ACROSS_DAYS[0]!, to: ACROSS_DAYS[1]!, pageSize: 5, continuationToken: 'garbage' };
      await assert.rejects(store().listHistory('eps', foreign), /continuationToken/);
    });

    it('alerts: recorded once per alert id (in any case) and monitor condition', async () => {
      assert.deepEqual(await store().recordAlert(alert), { recorded: true });
      assert.deepEqual(await store().recordAlert({ ...alert, receivedAt: '2026-03-01T10:00:05.000Z' }), { recorded: false });
      assert.deepEqual(await store().recordAlert({ ...alert, alertId: alert.alertId.toLowerCase() }), { recorded: false });
      assert.deepEqual(await store().recordAlert({ ...alert, monitorCondition: 'Resolved' }), { recorded: true });
      assert.deepEqual(await store().getAlert(alert.alertId, 'Fired'), alert);
      assert.equal(await store().getAlert(alert.alertId, 'Unknown'), undefined);
    });

    it('a 300-node report is read back whole, and each node is a point read', async () => {
      const big = healthCheck('zeta', 'z1', '2026-03-01T10:00:00.000Z', 'Degraded', 300);
      await store().recordCheck(big);
      const latest = await store().getLatest('zeta');
      assert.equal(latest?.report.nodes.length, 300);
      assert.deepEqual(latest?.report, big.report);
      assert.equal((await store().getNodeLatest('zeta', 'n299'))?.rack, 'rack2');
    });
  });
}
