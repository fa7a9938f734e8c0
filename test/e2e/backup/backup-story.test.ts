import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { BlobServiceClient } from '@azure/storage-blob';
import type { ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { TableBackupStore } from '../../../shared/adapters/state/table-backup-store.js';
import { backupContainerName, manifestBlobName } from '../../../shared/domain/backup/backup-blob-layout.js';
import type { BackupManifest } from '../../../shared/domain/backup/backup-model.js';
import type { DeploymentNode } from '../../../shared/domain/deploy/deployment-plan.js';
import { LOCAL_SUBSCRIPTION_ID as SUBSCRIPTION } from '../../../local/stack/start-local-stack.js';
import { waitFor } from '../../support/wait-for.js';
import { hasEnded, useE2eStack, type OperationBody } from '../support/e2e-stack.js';
import { runOnVm } from '../support/run-on-vm.js';
import { withSession } from '../support/cluster-checks.js';

/** Three nodes, RF 3, on an address space of their own; restores and drills land on two others. */
const net = (octet: number) => ({ addressSpace: `127.${octet}.0.0/16`, dataSubnet: `127.${octet}.1.0/24`, appSubnet: `127.${octet}.2.0/24` });
const SPEC = {
  cluster: { name: 'backupdemo', numTokens: 4, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: SUBSCRIPTION, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3, network: net(81) }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'shop', replication: { dc1: 3 } }, { name: 'audit', replication: { dc1: 3 } }],
  schedules: { snapshot: { retentionDays: 7, keepLast: 2, uploadMBps: 0 }, drill: { networks: { dc1: net(83) } } },
};
// Every timer waits for New Year: the story starts each backup and drill itself and counts them.
const APP_SETTINGS = { HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *', AUTOPILOT_REPAIR_TIMER_SCHEDULE: '0 0 0 1 1 *', AUTOPILOT_BACKUP_TIMER_SCHEDULE: '0 0 0 1 1 *',
  AUTOPILOT_DRILL_TIMER_SCHEDULE: '0 0 0 1 1 *' };
const POLL = { intervalInMs: 1000 };

interface Backup {
  backupId: string;
  status: string;
  restorable: boolean;
  proven: boolean;
  nodesMissing: string[];
  /** Set on a safety backup: the tables an in-place restore took it of. */
  tables?: string[];
  stats: { files: number; bytes: number; newFiles: number; newBytes: number };
  latestDrill?: { status: string; rpoSeconds?: number; rtoSeconds?: number };
}

describe('backups on the local stack: differential backups, a host kill mid-upload, restore, retention, a drill, a corrupt file', () => {
  const s = useE2eStack({ appSettings: APP_SETTINGS });
  const cluster = SPEC.cluster.name;
  let nodes: DeploymentNode[];
  let arm: ArmClients;
  const login = (name: string) => ({ username: 'autopilot_admin', password: s.superuserPassword(name) });
  const cql = <T>(name: string, ips: string[], work: (client: cassandra.Client) => Promise<T>) => withSession(ips, 'dc1', login(name), work);
  const source = <T>(work: (client: cassandra.Client) => Promise<T>) => cql(cluster, nodes.map((n) => n.privateIp), work);
  const quorum = { prepare: true, consistency: cassandra.types.consistencies.localQuorum };
  const backupOf = async (id: string) => (await s.api('GET', `/api/clusters/${cluster}/backups/${id}`)).body as Backup;
  const container = () => BlobServiceClient.fromConnectionString(s.stack.azurite.connectionString).getContainerClient(backupContainerName(cluster));
  const manifestOf = async (id: string) =>
    JSON.parse((await container().getBlobClient(manifestBlobName(id)).downloadToBuffer()).toString()) as BackupManifest;

  async function startBackup(): Promise<string> {
    const answer = await s.api('POST', `/api/clusters/${cluster}/backups`);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    return (answer.body as { backupId: string }).backupId;
  }
  async function backup(): Promise<Backup> {
    const id = await startBackup();
    const op = await s.waitForOperation(id, hasEnded, 300_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op));
    return backupOf(id);
  }
  async function restore(backupId: string, targetCluster: string, octet: number): Promise<OperationBody> {
    const answer = await s.api('POST', `/api/clusters/${cluster}/restores`, { body: { backupId, targetCluster, networks: { dc1: net(octet) } } });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    return s.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 600_000);
  }
  async function deleteCluster(name: string): Promise<void> {
    const answer = await s.api('DELETE', `/api/clusters/${name}?confirm=${name}`);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.equal((await s.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 300_000)).status, 'Succeeded');
  }
  async function rows(client: cassandra.Client, table: string): Promise<number[]> {
    // A few hundred rows: one page.
    const rs = await client.execute(`SELECT id FROM ${table}`, [], { ...quorum, fetchSize: 5000 });
    return rs.rows.map((r) => r.get('id') as number).sort((a, b) => a - b);
  }
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  before(async () => {
    nodes = (await s.deploy(SPEC)).plan.nodes;
    arm = s.armClients();
    await source(async (client) => {
      await client.execute('CREATE TABLE IF NOT EXISTS shop.items (id int PRIMARY KEY, name text)');
      await client.execute('CREATE TABLE IF NOT EXISTS audit.events (id int PRIMARY KEY, what text)');
      for (let id = 0; id < 200; id++) {
        await client.execute('INSERT INTO shop.items (id, name) VALUES (?, ?)', [id, `item-${id}`], quorum);
        await client.execute('INSERT INTO audit.events (id, what) VALUES (?, ?)', [id, `event-${id}`], quorum);
      }
    });
  });

  let first: Backup;
  let second: Backup;
  let third: Backup;

  test('bad input is a 400 naming the field; an unknown backup is a 404', async () => {
    const extra = await s.api('POST', `/api/clusters/${cluster}/backups`, { body: { keyspaces: ['shop'] } });
    assert.equal(extra.status, 400, JSON.stringify(extra.body));
    assert.match(JSON.stringify(extra.body), /\$\.keyspaces/);
    const badName = await s.api('POST', `/api/clusters/${cluster}/restores`, { body: { backupId: 'x', targetCluster: 'Bad_Name' } });
    assert.equal(badName.status, 400);
    assert.match(JSON.stringify(badName.body), /\$\.targetCluster/);
    assert.equal((await s.api('GET', `/api/clusters/${cluster}/backups/nope`)).status, 404);
  });

  test('backup 1 uploads every file; backup 2, after writes and deletes and a host kill mid-upload, uploads only the new SSTables', async () => {
    first = await backup();
    assert.equal(first.status, 'Complete');
    assert.equal(first.restorable, true);
    assert.ok(first.stats.newBytes > 0 && first.stats.newBytes === first.stats.bytes, JSON.stringify(first.stats));
    console.log(`backup 1: ${first.stats.files} files, ${first.stats.bytes} bytes, ${first.stats.newBytes} uploaded`);

    await source(async (client) => {
      for (let id = 200; id < 300; id++) await client.execute('INSERT INTO shop.items (id, name) VALUES (?, ?)', [id, `item-${id}`], quorum);
      for (let id = 0; id < 20; id++) await client.execute('DELETE FROM audit.events WHERE id = ?', [id], quorum);
    });
    const id = await startBackup();
    await s.waitForOperation(id, (op) => hasEnded(op) || op.steps.some((st) => st.name === 'upload' && st.status === 'Running'), 120_000);
    await s.stack.host.kill();
    await s.stack.restartHost();
    const op = await s.waitForOperation(id, hasEnded, 300_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op));
    assert.equal(op.percent, 100);
    second = await backupOf(id);
    assert.equal(second.status, 'Complete');
    assert.ok(second.stats.newBytes > 0, 'the new SSTables are uploaded');
    assert.ok(second.stats.newFiles < second.stats.files && second.stats.newBytes < second.stats.bytes, JSON.stringify(second.stats));
    console.log(`backup 2: ${second.stats.files} files, ${second.stats.bytes} bytes, ${second.stats.newBytes} uploaded (${second.stats.newFiles} new files)`);
  });

  test('backup 1 restored into a new cluster holds exactly the rows written before it, read at LOCAL_QUORUM', async () => {
    const op = await restore(first.backupId, 'restored', 82);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op));
    assert.ok(op.steps.some((st) => st.name === 'restore' && st.status === 'Succeeded'));
    const restored = ((await s.api('GET', '/api/clusters/restored')).body as { plan: { nodes: DeploymentNode[] } }).plan.nodes;
    await cql('restored', restored.map((n) => n.privateIp), async (client) => {
      assert.deepEqual(await rows(client, 'shop.items'), range(0, 200));
      assert.deepEqual(await rows(client, 'audit.events'), range(0, 200));
    });
    await deleteCluster('restored');
  });

  test('retention removes an expired backup and keeps every file the remaining ones use; a backup of an unchanged cluster uploads nothing', async () => {
    // Ten days pass for backup 1: older than retentionDays, and not among the newest keepLast (2) once backup 3 exists.
    const store = new TableBackupStore({ connectionString: s.stack.azurite.connectionString });
    await store.updateBackup(cluster, first.backupId, (b) => ({ ...b, createdAt: new Date(Date.now() - 10 * 86_400_000).toISOString() }));
    third = await backup();
    assert.equal(third.stats.newBytes, 0, `an unchanged cluster uploads no bytes: ${JSON.stringify(third.stats)}`);
    console.log(`backup 3 (unchanged): ${third.stats.files} files, ${third.stats.newBytes} bytes uploaded`);
    assert.equal((await s.api('GET', `/api/clusters/${cluster}/backups/${first.backupId}`)).status, 404, 'backup 1 expired');
    const blobs = container();
    assert.equal(await blobs.getBlobClient(manifestBlobName(first.backupId)).exists(), false);
    const manifest = await manifestOf(second.backupId);
    for (const file of manifest.nodes.flatMap((n) => n.files)) {
      assert.equal(await blobs.getBlobClient(file.blobName).exists(), true, `backup 2 still has ${file.blobName}`);
    }
  });

  test('an in-place restore (Admin only, confirmed) undoes a bad write to shop.items from backup 3, after a safety backup of the bad '
    + 'state; audit.events keeps its newer rows and serves reads throughout', async () => {
    // The bad write: 50 names overwritten, 50 rows deleted, 10 rows added; audit.events gains 10 rows the restore must keep.
    await source(async (client) => {
      const item = 'INSERT INTO shop.items (id, name) VALUES (?, ?)';
      for (let id = 0; id < 50; id++) await client.execute(item, [id, 'oops'], quorum);
      for (let id = 250; id < 300; id++) await client.execute('DELETE FROM shop.items WHERE id = ?', [id], quorum);
      for (let id = 300; id < 310; id++) await client.execute(item, [id, 'oops'], quorum);
      for (let id = 200; id < 210; id++) {
        await client.execute('INSERT INTO audit.events (id, what) VALUES (?, ?)', [id, `event-${id}`], quorum);
      }
    });
    const path = `/api/clusters/${cluster}/restores`;
    const body = { backupId: third.backupId, inPlace: true, tables: ['shop.items'], confirm: cluster };
    const operator = await s.api('POST', path, { body, key: s.stack.keys.operator });
    assert.equal(operator.status, 403, JSON.stringify(operator.body));
    assert.equal((operator.body as { code: string }).code, 'CASSOPS_FORBIDDEN');
    assert.match((operator.body as { message: string }).message, /needs the Admin role; 'operator' holds Operator/);
    const { confirm: _confirm, ...unconfirmed } = body;
    for (const wrong of [unconfirmed, { ...body, confirm: 'restored' }]) {
      const refused = await s.api('POST', path, { body: wrong });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.match(JSON.stringify(refused.body), /\$\.confirm/);
    }

    const started = Date.now();
    const answer = await s.api('POST', path, { body });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const { operationId, safetyBackupId } = answer.body as { operationId: string; safetyBackupId: string };
    // A client of the table not restored reads it at LOCAL_QUORUM until the restore ends: no request may fail.
    const reads = { ok: 0, failed: [] as string[] };
    const op = await source((client) => waitFor('the in-place restore to end', 600_000, async () => {
      await client.execute('SELECT what FROM audit.events WHERE id = ?', [20 + (reads.ok % 190)], quorum).then(() => { reads.ok++; },
        (error: unknown) => { reads.failed.push(error instanceof Error ? error.message : String(error)); });
      const polled = (await s.api('GET', `/api/operations/${operationId}`)).body as OperationBody;
      return hasEnded(polled) ? polled : undefined;
    }, { intervalInMs: 200 }));
    const seconds = Math.round((Date.now() - started) / 1000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op));
    assert.equal(op.percent, 100);
    assert.deepEqual(op.steps.map((st) => [st.name, st.status]),
      [['safety', 'Succeeded'], ['truncate', 'Succeeded'], ['restore', 'Succeeded']]);
    assert.deepEqual(reads.failed, []);
    assert.ok(reads.ok > 0, 'the reader ran during the restore');

    await source(async (client) => {
      const items = (await client.execute('SELECT id, name FROM shop.items', [], { ...quorum, fetchSize: 5000 })).rows
        .map((r) => ({ id: r.get('id') as number, name: r.get('name') as string }));
      assert.deepEqual(items.map((r) => r.id).sort((a, b) => a - b), range(0, 300));
      assert.deepEqual(items.filter((r) => r.name !== `item-${r.id}`).map((r) => r.id), []);
      assert.deepEqual(await rows(client, 'audit.events'), range(20, 210));
    });
    const listed = ((await s.api('GET', `/api/clusters/${cluster}/backups`)).body as { backups: Backup[] }).backups;
    const safety = listed.find((b) => b.backupId === safetyBackupId);
    assert.deepEqual([safety?.status, safety?.tables], ['Complete', ['shop.items']], JSON.stringify(safety));
    // The safety backup holds the bad state: 260 rows counted, and shop.items files on every node.
    const manifest = await manifestOf(safetyBackupId);
    assert.deepEqual(manifest.rowCounts.filter((c) => c.keyspace === 'shop'), [{ keyspace: 'shop', table: 'items', rows: 260 }]);
    const itemsFiles = manifest.nodes.map((n) => n.files.filter((f) => f.keyspace === 'shop' && f.table === 'items').length);
    assert.ok(itemsFiles.length === nodes.length && itemsFiles.every((count) => count > 0), JSON.stringify(itemsFiles));
    const userKeyspaces = new Set(manifest.nodes.flatMap((n) => n.files.map((f) => f.keyspace)).filter((k) => !k.startsWith('system')));
    assert.deepEqual([...userKeyspaces], ['shop']);
    console.log(`in-place restore of shop.items from backup 3: ${seconds} s; safety backup ${safety?.stats.files} files, `
      + `${safety?.stats.bytes} bytes (${safety?.stats.newBytes} uploaded); `
      + `${reads.ok} reads of audit.events during it, ${reads.failed.length} failed`);
  });

  test('a drill restores backup 2 into a throwaway cluster, checks it, deletes it, and records RPO and RTO', async () => {
    const answer = await s.api('POST', `/api/clusters/${cluster}/drills`, { body: { backupId: second.backupId } });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const { operationId, targetCluster } = answer.body as { operationId: string; targetCluster: string };
    const op = await s.waitForOperation(operationId, hasEnded, 900_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op));
    const proven = await backupOf(second.backupId);
    assert.equal(proven.proven, true);
    assert.ok((proven.latestDrill?.rtoSeconds ?? 0) > 0 && proven.latestDrill?.rpoSeconds !== undefined, JSON.stringify(proven.latestDrill));
    console.log(`drill of backup 2: RPO ${proven.latestDrill?.rpoSeconds} s, RTO ${proven.latestDrill?.rtoSeconds} s`);
    assert.equal((await s.api('GET', `/api/clusters/${targetCluster}`)).status, 404, 'the throwaway cluster is gone');
  });

  test('a flipped byte in one uploaded file fails the restore, naming that file', async () => {
    const blobs = container();
    const manifest = await manifestOf(second.backupId);
    const victim = manifest.nodes[0]!.files.find((f) => f.name.endsWith('-Data.db') && f.keyspace === 'shop')!;
    const bytes = await blobs.getBlobClient(victim.blobName).downloadToBuffer();
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await blobs.getBlockBlobClient(victim.blobName).uploadData(bytes, { metadata: { sha256: victim.checksum } });
    const op = await restore(second.backupId, 'corrupt', 84);
    assert.equal(op.status, 'Failed');
    assert.equal(op.error?.code, 'CASSOPS_RESTORE_FILE_INVALID', JSON.stringify(op.error));
    assert.match(op.error?.message ?? '', new RegExp(victim.name.replace(/\./g, '\\.')));
    await deleteCluster('corrupt');
  });

  test('a node down at backup time: the others are backed up, the backup is Partial and never offered for a restore', async () => {
    const down = nodes[2]!;
    await runOnVm(arm, down, 'sudo systemctl stop cassandra');
    await waitFor('the node seen down', 120_000, () => source(async (client) => {
      const rs = await client.execute('SELECT peer FROM system.peers_v2', [], { prepare: false });
      return rs.rows.length >= 0 && ![...client.hosts.values()].some((h) => h.address.startsWith(down.privateIp) && h.isUp()) ? true : undefined;
    }), POLL);
    const partial = await backup();
    assert.equal(partial.status, 'Partial');
    assert.equal(partial.restorable, false);
    assert.deepEqual(partial.nodesMissing, [down.name]);
    const refused = await s.api('POST', `/api/clusters/${cluster}/restores`, { body: { backupId: partial.backupId, targetCluster: 'never', networks: { dc1: net(85) } } });
    assert.equal(refused.status, 409);
    assert.equal((refused.body as { code: string }).code, 'CASSOPS_BACKUP_NOT_RESTORABLE');
    await runOnVm(arm, down, 'sudo systemctl start cassandra');
  });
});
