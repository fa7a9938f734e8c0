import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RemediationStore } from '../../shared/domain/ports/remediation-store.js';
import type { RemediationRecord } from '../../shared/domain/remediation/decide-remediation.js';

const decision = (id: string, minute: number, change: Partial<RemediationRecord> = {}): RemediationRecord => ({
  clusterName: 'c1', id, checkId: id.split(':')[0]!, at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(), status: 'Degraded',
  node: 'c1-dc1-002', action: 'restartCassandra', decision: 'taken', reason: 'Cassandra is down on c1-dc1-002 while its VM runs', ...change });

/** The RemediationStore contract: the Table store on Azurite and the in-memory twin run the same cases. */
export function describeRemediationStoreContract(name: string, store: () => RemediationStore): void {
  describe(`RemediationStore contract: ${name}`, () => {
    it('keeps the first decision of an id (a redelivered event decides nothing twice) and lists newest first', async () => {
      assert.equal((await store().recordDecision(decision('check-1:c1-dc1-002', 1))).decision, 'taken');
      const again = await store().recordDecision(decision('check-1:c1-dc1-002', 5, { decision: 'declined', reason: 'x' }));
      assert.deepEqual([again.decision, again.at], ['taken', '2026-01-01T00:01:00.000Z']);
      await store().recordDecision(decision('check-2', 3, { node: undefined, action: 'none', decision: 'nothing-to-do', reason: 'Healthy' }));
      await store().recordDecision({ ...decision('check-9:x', 9), clusterName: 'other' });
      assert.deepEqual((await store().listDecisions('c1', 10)).map((r) => r.id), ['check-2', 'check-1:c1-dc1-002']);
      assert.deepEqual((await store().listDecisions('c1', 1)).map((r) => r.id), ['check-2']);
      assert.deepEqual(await store().listDecisions('nobody', 10), []);
    });

    it('records the operation a taken decision started', async () => {
      await store().recordDecision(decision('check-3:c1-dc1-001', 7, { node: 'c1-dc1-001' }));
      await store().setOperation('c1', 'check-3:c1-dc1-001', 'remediate-check-3');
      assert.equal((await store().listDecisions('c1', 10)).find((r) => r.id === 'check-3:c1-dc1-001')?.operationId, 'remediate-check-3');
    });
  });
}
