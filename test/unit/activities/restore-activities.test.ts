import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRestoreActivities } from '../../../shared/activities/restore-activities.js';
import type { RestoreRef } from '../../../shared/contracts/backup-io.js';
import { restorePlanBlobName } from '../../../shared/domain/backup/backup-blob-layout.js';
import { tokensOf } from '../../support/backup-fixtures.js';
import { tableRestoreWorld } from '../../support/table-restore-world.js';

const IN_PLACE: RestoreRef = { sourceCluster: 'orders', targetCluster: 'orders', backupId: 'b-1', restoreId: 'r-1', tables: ['ks1.users'] };

async function world() {
  const w = await tableRestoreWorld();
  const blobs = await w.api.deps.backupBlobs('orders');
  const planOf = async (node: string) => {
    const bytes = await blobs.get(restorePlanBlobName('b-1', 'r-1', node));
    return bytes && Buffer.from(bytes).toString('utf8');
  };
  return { ...w, planOf, prepare: (restore: RestoreRef) => createRestoreActivities(w.deps).prepareRestore(restore) };
}

describe('prepareRestore into the backed-up cluster itself (in place)', () => {
  it('pairs each node with itself and plans only its own files of the tables asked for; existing tables are kept as they are', async () => {
    const w = await world();
    assert.deepEqual(await w.prepare(IN_PLACE), { ok: true, value: { nodes: w.plan.nodes.map((n) => n.name) } });
    for (const [i, node] of w.plan.nodes.entries()) {
      const lines = (await w.planOf(node.name))!.trim().split('\n');
      assert.equal(lines.length, 1, node.name);
      assert.match(lines[0]!, new RegExp(`^ks1\\tusers-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b\\tnb-${i}-big-Data\\.db\\t`), node.name);
    }
    assert.deepEqual([await w.rows('ks1', 'users'), await w.rows('ks1', 'orders')], [2, 2]);
  });

  it('creates a keyspace dropped since the backup again with the backup\'s ids, and no keyspace the restore does not name', async () => {
    const w = await world();
    w.cql.dropKeyspace('ks1');
    w.cql.dropKeyspace('ks2');
    assert.equal((await w.prepare(IN_PLACE)).ok, true);
    const schema = await w.session((s) => s.readBackupSchema(['ks1']));
    assert.deepEqual(schema.tables.find((t) => t.table === 'users')?.tableId, '5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b');
    await assert.rejects(w.session((s) => s.readBackupSchema(['ks2'])), /'ks2' not found/);
  });

  it('refuses, changing nothing, when a node no longer holds the tokens the backup recorded: the ring changed, restore into a new cluster', async () => {
    const w = await world();
    w.ring.nodes[1]!.tokens = tokensOf(7);
    w.cql.dropKeyspace('ks2');
    const result = await w.prepare({ ...IN_PLACE, tables: ['ks2.events'] });
    assert.equal(result.ok ? undefined : result.error.code, 'CASSOPS_RESTORE_TOPOLOGY_MISMATCH');
    assert.match(result.ok ? '' : result.error.message, /orders-dc1-002: holds other tokens than the backup recorded.*restore it into a new cluster instead/);
    await assert.rejects(w.session((s) => s.readBackupSchema(['ks2'])), /'ks2' not found/, 'the schema step did not run');
    assert.equal(await w.planOf(w.plan.nodes[0]!.name), undefined, 'no node was given a plan');
  });

  it('refuses a table dropped and created again since the backup (another id), naming it', async () => {
    const w = await world();
    w.cql.dropKeyspace('ks1');
    const otherId = '0f0f0f0f-0000-4000-8000-000000000001';
    await w.session((s) => s.restoreSchema({ statements: w.manifest.statements.filter((st) => st.keyspace === 'ks1')
      .map((st) => ({ ...st, cql: st.cql.replace('5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b', otherId) })), tables: [] }));
    await assert.rejects(w.prepare(IN_PLACE), (e: { code?: string; message?: string }) =>
      e.code === 'CASSOPS_RESTORE_SCHEMA_CONFLICT' && /ks1\.users \(id 0f0f0f0f/.test(e.message ?? ''));
  });
});
