import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRepairFindings } from '../../../../shared/domain/health/evaluate-repair-findings.js';
import { findingKey } from '../../../../shared/domain/health/health-report.js';

const NOW = '2026-03-11T00:00:00.000Z';
const DAY = 86_400;
const entry = (table: string, gcGraceSeconds: number, lastCompleteRepairAt?: string) =>
  ({ clusterName: 'c1', keyspace: 'shop', table, gcGraceSeconds, ...(lastCompleteRepairAt ? { lastCompleteRepairAt } : {}) });

describe('repair-overdue findings from the ledger', () => {
  it('warns past 80 % of gc_grace_seconds, is critical past 100 %, says nothing below, and names the table and the age', () => {
    const findings = evaluateRepairFindings({ clusterCreatedAt: '2026-01-01T00:00:00.000Z', entries: [
      entry('fresh', 10 * DAY, '2026-03-09T00:00:00.000Z'),
      entry('aging', 10 * DAY, '2026-03-02T00:00:00.000Z'),
      entry('stale', 10 * DAY, '2026-02-20T00:00:00.000Z'),
    ] }, NOW);
    assert.deepEqual(findings.map((f) => [f.table, f.severity]), [['shop.stale', 'critical'], ['shop.aging', 'warning']]);
    assert.match(findings[0]!.message, /last completely repaired 19\.0 days ago; gc_grace_seconds is 10\.0 days: deleted data can come back/);
  });

  it('measures a table never repaired from the cluster\'s creation, and reports gc_grace_seconds 0 as info', () => {
    const findings = evaluateRepairFindings({ clusterCreatedAt: '2026-03-01T00:00:00.000Z', entries: [
      entry('never', 9 * DAY), entry('queue', 0),
    ] }, NOW);
    assert.deepEqual(findings.map((f) => [f.table, f.severity]), [['shop.never', 'critical'], ['shop.queue', 'info']]);
    assert.match(findings[0]!.message, /never completely repaired \(10\.0 days\)/);
  });

  it('flags a cluster with no repair on record once it is older than 80 % of the default grace, and nothing without a ledger view', () => {
    assert.deepEqual(evaluateRepairFindings({ clusterCreatedAt: '2026-03-05T00:00:00.000Z', entries: [] }, NOW), []);
    const old = evaluateRepairFindings({ clusterCreatedAt: '2026-03-01T00:00:00.000Z', entries: [] }, NOW);
    assert.equal(old.length, 1);
    assert.match(old[0]!.message, /No repair of this cluster has completed in its 10\.0 days/);
    assert.deepEqual(evaluateRepairFindings(undefined, NOW), []);
  });

  it('keys each table\'s finding apart, so each keeps its own since', () => {
    const findings = evaluateRepairFindings({ clusterCreatedAt: '2026-01-01T00:00:00.000Z', entries: [entry('a', DAY), entry('b', DAY)] }, NOW);
    assert.equal(new Set(findings.map((f) => findingKey(f))).size, 2);
    assert.equal(findingKey({ code: 'node-down', node: 'n1' }), 'node-down|n1|', 'keys of other findings are unchanged');
  });
});
