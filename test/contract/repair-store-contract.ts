import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RepairStore } from '../../shared/domain/ports/repair-store.js';
import type { LedgerEntry } from '../../shared/domain/repair/repair-model.js';
import { repairRun, segment } from '../support/repair-fixtures.js';

const ledger = (clusterName: string, table: string, change: Partial<LedgerEntry> = {}): LedgerEntry =>
  ({ clusterName, keyspace: 'ks1', table, gcGraceSeconds: 864_000, ...change });

/**
 * The RepairStore contract: the Table adapter on Azurite and the in-memory twin run these same
 * cases, so the twin cannot drift from the real store. Each case uses its own cluster names.
 */
export function describeRepairStoreContract(name: string, store: () => RepairStore): void {
  describe(`RepairStore contract: ${name}`, () => {
    it('inserts a run once: a second create of its id returns the stored run and changes nothing', async () => {
      assert.deepEqual(await store().createRun(repairRun('c1', 'r1')), repairRun('c1', 'r1'));
      const again = await store().createRun(repairRun('c1', 'r1', 5, { requestedBy: 'someone else' }));
      assert.equal(again.requestedBy, 'tester');
      assert.equal((await store().getRun('c1', 'r1'))?.createdAt, repairRun('c1', 'r1').createdAt);
      assert.deepEqual(await store().listRuns('c1', 10).then((runs) => runs.map((r) => r.runId)), ['r1']);
    });

    it('reads a run by cluster and id only: another cluster\'s id or an unknown one is undefined', async () => {
      await store().createRun(repairRun('c2', 'r2'));
      assert.equal(await store().getRun('c2-other', 'r2'), undefined);
      assert.equal(await store().getRun('c2', 'nope'), undefined);
      assert.deepEqual(await store().listRuns('c2-other', 10), []);
    });

    it('lists a cluster\'s runs newest first, at most `limit`', async () => {
      for (const [id, minute] of [['a', 3], ['b', 1], ['c', 7], ['d', 5]] as const) await store().createRun(repairRun('c3', `run-${id}`, minute));
      await store().createRun(repairRun('c3-else', 'run-z', 9));
      assert.deepEqual((await store().listRuns('c3', 10)).map((r) => r.runId), ['run-c', 'run-d', 'run-a', 'run-b']);
      assert.deepEqual((await store().listRuns('c3', 2)).map((r) => r.runId), ['run-c', 'run-d']);
      assert.deepEqual(await store().listRuns('c3', 0), []);
    });

    it('updates a run read-modify-write: every racing change is kept, undefined writes nothing, a missing run is NOT_FOUND', async () => {
      await store().createRun(repairRun('c4', 'r4'));
      await Promise.all(Array.from({ length: 5 }, () =>
        store().updateRun('c4', 'r4', (run) => ({ ...run, segmentsDone: run.segmentsDone + 1 }))));
      assert.equal((await store().getRun('c4', 'r4'))?.segmentsDone, 5);
      const unchanged = await store().updateRun('c4', 'r4', () => undefined);
      assert.equal(unchanged.segmentsDone, 5);
      await assert.rejects(store().updateRun('c4', 'missing', (run) => run), { code: 'CASSOPS_REPAIR_NOT_FOUND' });
      await assert.rejects(store().updateRun('c4-else', 'r4', (run) => run), { code: 'CASSOPS_REPAIR_NOT_FOUND' });
    });

    it('round-trips a run larger than one Table property, and a shorter one written over it', async () => {
      const failures = Array.from({ length: 400 }, (_, i) => ({ segmentId: `s${i}`, keyspace: 'ks1', node: '127.1.1.4', start: '0', end: '1',
        message: `Repair session failed: ${'x'.repeat(200)}`, at: '2026-01-01T00:00:00.000Z' }));
      await store().createRun(repairRun('c5', 'r5', 0, { failures }));
      assert.equal((await store().getRun('c5', 'r5'))?.failures.length, 400);
      await store().updateRun('c5', 'r5', (run) => ({ ...run, failures: run.failures.slice(0, 2), state: 'Failed' }));
      const stored = await store().getRun('c5', 'r5');
      assert.deepEqual([stored?.state, stored?.failures.length], ['Failed', 2]);
    });

    it('writes 1,000 segments of one run, replaces them by id, and deletes some (twice, harmlessly)', async () => {
      await store().createRun(repairRun('c6', 'r6'));
      const segments = Array.from({ length: 1000 }, (_, i) => segment(i));
      await store().putSegments('c6', 'r6', segments);
      await store().putSegments('c6', 'r7', [segment(0)]);
      const listed = await store().listSegments('c6', 'r6');
      assert.equal(listed.length, 1000);
      assert.deepEqual(listed[999], segment(999));
      await store().putSegments('c6', 'r6', [segment(3, { status: 'done', attempts: 1, coordinator: '127.1.1.5', durationMs: 1200 }),
        segment(4, { status: 'running' }), segment(4, { status: 'failed', lastError: 'timed out' })]);
      const byId = new Map((await store().listSegments('c6', 'r6')).map((s) => [s.id, s]));
      assert.deepEqual([byId.get('ks1-00003')?.status, byId.get('ks1-00003')?.coordinator], ['done', '127.1.1.5']);
      assert.deepEqual([byId.get('ks1-00004')?.status, byId.get('ks1-00004')?.lastError], ['failed', 'timed out']);
      const doomed = segments.slice(0, 150).map((s) => s.id);
      await store().deleteSegments('c6', 'r6', doomed);
      await store().deleteSegments('c6', 'r6', [...doomed, 'never-was']);
      assert.equal((await store().listSegments('c6', 'r6')).length, 850);
      assert.equal((await store().listSegments('c6', 'r7')).length, 1, 'another run\'s segments are its own');
    });

    it('keeps segment ids and run ids with characters Table keys refuse', async () => {
      await store().createRun(repairRun('c7', 'odd/run#1'));
      await store().putSegments('c7', 'odd/run#1', [segment(1, { id: 'ks/a?b#c\\d' })]);
      assert.equal((await store().getRun('c7', 'odd/run#1'))?.runId, 'odd/run#1');
      assert.deepEqual((await store().listSegments('c7', 'odd/run#1')).map((s) => s.id), ['ks/a?b#c\\d']);
    });

    it('keeps one ledger entry per table of a cluster, replaced by the latest write', async () => {
      await store().upsertLedger([ledger('c8', 'users'), ledger('c8', 'events', { gcGraceSeconds: 0 }), ledger('c8-else', 'users')]);
      await store().upsertLedger([ledger('c8', 'users', { lastCompleteRepairAt: '2026-01-02T00:00:00.000Z', runId: 'r8' })]);
      assert.deepEqual(await store().getLedger('c8'), [
        ledger('c8', 'events', { gcGraceSeconds: 0 }),
        ledger('c8', 'users', { lastCompleteRepairAt: '2026-01-02T00:00:00.000Z', runId: 'r8' }),
      ]);
      await store().upsertLedger(Array.from({ length: 150 }, (_, i) => ledger('c8-many', `t${String(i).padStart(3, '0')}`)));
      assert.equal((await store().getLedger('c8-many')).length, 150);
    });

    it('deletes everything of a cluster (runs, segments, ledger) and nothing of another; a second delete is harmless', async () => {
      for (const cluster of ['c9', 'c9-kept']) {
        await store().createRun(repairRun(cluster, 'r1'));
        await store().createRun(repairRun(cluster, 'r2', 1));
        await store().putSegments(cluster, 'r1', Array.from({ length: 120 }, (_, i) => segment(i)));
        await store().putSegments(cluster, 'r2', [segment(1)]);
        await store().upsertLedger([ledger(cluster, 'users')]);
      }
      await store().deleteClusterRepairs('c9');
      await store().deleteClusterRepairs('c9');
      assert.deepEqual(await store().listRuns('c9', 10), []);
      assert.equal(await store().getRun('c9', 'r1'), undefined);
      assert.deepEqual(await store().listSegments('c9', 'r1'), []);
      assert.deepEqual(await store().getLedger('c9'), []);
      await store().createRun(repairRun('c9', 'r1', 30, { requestedBy: 'after the delete' }));
      assert.equal((await store().getRun('c9', 'r1'))?.requestedBy, 'after the delete', 'a deleted run\'s id can be created afresh');
      assert.deepEqual((await store().listRuns('c9-kept', 10)).map((r) => r.runId), ['r2', 'r1']);
      assert.equal((await store().listSegments('c9-kept', 'r1')).length, 120);
      assert.equal((await store().getLedger('c9-kept')).length, 1);
    });
  });
}
