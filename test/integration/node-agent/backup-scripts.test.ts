import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../../shared/adapters/blobs/azure-blob-store.js';
import { backupScriptParameters, renderSnapshotBackupScript, renderUploadBackupScript, type BackupNodePaths }
  from '../../../shared/adapters/node-agent/backup-scripts.js';
import { findScriptMarker } from '../../../shared/adapters/node-agent/parse-run-command-output.js';
import { inventoryBlobName, nodeDataPrefix, uploadPlanBlobName } from '../../../shared/domain/backup/backup-blob-layout.js';
import { findMissingUploads, planNodeUpload, type NodeUploadPlan } from '../../../shared/domain/backup/plan-node-upload.js';
import { parseSnapshotInventory, renderUploadPlan } from '../../../shared/domain/backup/snapshot-inventory.js';
import type { UploadSas } from '../../../shared/domain/ports/blob-store.js';
import { useAzurite } from '../../support/azurite-fixture.js';
import { waitFor } from '../../support/wait-for.js';

const MIB = 1024 * 1024;
const TABLE_DIR = 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b';
/** nodetool as the scripts use it: flush is a no-op, snapshot hard-links each table's files as Cassandra does. */
const FAKE_NODETOOL = `#!/bin/bash
echo "$@" >> "$NODETOOL_LOG"
if [ "$1" = snapshot ]; then tag=$3; shift 4
  for ks in "$@"; do for t in "$DATA_DIR_FOR_FAKE/$ks"/*/; do mkdir -p "$t/snapshots/$tag"
    find "$t" -maxdepth 1 -type f -exec ln {} "$t/snapshots/$tag/" \\; ; [ -d "$t/.idx" ] && mkdir -p "$t/snapshots/$tag/.idx" && ln "$t/.idx/"* "$t/snapshots/$tag/.idx/"; done; done
fi
exit 0
`;

let store: AzureBlobStore;
let root: string;
let paths: BackupNodePaths;
let env: Record<string, string>;
useAzurite('backup-scripts', async (azurite) => {
  store = new AzureBlobStore(new ContainerClient(azurite.connectionString, 'backups-prod'));
  await store.ensureContainer();
  root = mkdtempSync(join(tmpdir(), 'backup-node-'));
  paths = { dataDir: join(root, 'data'), stateDir: join(root, 'state') };
  const table = join(paths.dataDir, 'ks1', TABLE_DIR);
  mkdirSync(join(table, '.idx'), { recursive: true });
  writeFileSync(join(table, 'nb-1-big-Data.db'), randomBytes(17 * MIB));
  writeFileSync(join(table, 'nb-1-big-TOC.txt'), 'Data.db\nTOC.txt\n');
  writeFileSync(join(table, '.idx', 'nb-1-big-Index.db'), randomBytes(3000));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin', 'nodetool'), FAKE_NODETOOL);
  chmodSync(join(root, 'bin', 'nodetool'), 0o755);
  env = { PATH: `${join(root, 'bin')}:${process.env.PATH}`, NODETOOL_LOG: join(root, 'nodetool.log'), DATA_DIR_FOR_FAKE: paths.dataDir };
});

interface ScriptRun { stdout: string; stderr: string; kill: () => void; done: Promise<void> }

function runScript(lines: string[], backupId: string, sas: UploadSas, limitMBps = 0): ScriptRun {
  const { parameters, protectedParameters } = backupScriptParameters({ backupId, containerUrl: sas.containerUrl, keyspaces: ['ks1'], limitMBps,
    inventoryBlob: inventoryBlobName(backupId, 'n1'), planBlob: uploadPlanBlobName(backupId, 'n1') }, sas.reveal());
  const child = spawn('bash', ['-c', lines.join('\n')], { env: { ...env, ...parameters, ...protectedParameters }, detached: true });
  const run: ScriptRun = { stdout: '', stderr: '', kill: () => process.kill(-child.pid!, 'SIGKILL'), done: Promise.resolve() };
  child.stdout.on('data', (d: Buffer) => { run.stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { run.stderr += d.toString(); });
  run.done = new Promise((resolve) => child.on('close', () => resolve()));
  return run;
}

async function marker(lines: string[], script: string, backupId: string, sas: UploadSas, limitMBps = 0): Promise<string> {
  const run = runScript(lines, backupId, sas, limitMBps);
  await run.done;
  assert.ok(!run.stdout.includes(sas.reveal()) && !run.stderr.includes(sas.reveal()), 'the SAS never reaches the output');
  const found = findScriptMarker(run.stdout, script);
  assert.ok(found?.ok, `${script}: ${run.stdout} ${run.stderr}`);
  return found.detail;
}

/** Snapshot + inventory on the node, then the app's plan put where the upload script reads it. */
async function snapshotAndPlan(backupId: string, sas: UploadSas): Promise<NodeUploadPlan> {
  await marker(renderSnapshotBackupScript(paths), 'snapshotBackup', backupId, sas);
  const inventory = parseSnapshotInventory(Buffer.from((await store.get(inventoryBlobName(backupId, 'n1')))!).toString());
  assert.deepEqual(inventory.issues, []);
  const plan = planNodeUpload('n1', inventory.files, (await store.list(nodeDataPrefix('n1'))).map((b) => ({ ...b, checksum: b.metadata?.sha256 })));
  await store.put(uploadPlanBlobName(backupId, 'n1'), renderUploadPlan(plan));
  return plan;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('backup node scripts against Azurite, with real files', () => {
  it('snapshots, inventories with SHA-256 computed on the node, and uploads a multi-block file resumed after a kill', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    const plan = await snapshotAndPlan('b1', sas);
    const table = join(paths.dataDir, 'ks1', TABLE_DIR);
    assert.deepEqual(plan.files.map((f) => [f.name, f.size, f.checksum]).sort(), [
      ['.idx/nb-1-big-Index.db', 3000, sha256(readFileSync(join(table, '.idx', 'nb-1-big-Index.db')))],
      ['nb-1-big-Data.db', 17 * MIB, sha256(readFileSync(join(table, 'nb-1-big-Data.db')))],
      ['nb-1-big-TOC.txt', 16, sha256(readFileSync(join(table, 'nb-1-big-TOC.txt')))],
    ]);
    assert.match(readFileSync(env.NODETOOL_LOG!, 'utf8'), /^flush -- ks1\nsnapshot -t b1 -- ks1\n$/);
    const big = plan.upload.find((f) => f.name === 'nb-1-big-Data.db')!;
    assert.deepEqual([big.block.mode, big.block.blockCount], ['blocks', 3]);

    // Capped at 2 MiB/s, the first 8 MiB block takes ~4 s: kill the script once it is staged.
    const first = runScript(renderUploadBackupScript(paths), 'b1', sas, 2);
    const blob = new BlockBlobClient(`${sas.containerUrl}/${big.blobName}?${sas.reveal()}`);
    await waitFor('a staged block', 30_000, async () =>
      ((await blob.getBlockList('uncommitted')).uncommittedBlocks?.length ?? 0) >= 1 ? true : undefined, { intervalInMs: 200 });
    first.kill();
    await first.done;
    assert.equal(findScriptMarker(first.stdout, 'uploadBackup'), undefined, 'the killed run reported nothing');
    assert.equal((await store.list(big.blobName)).length, 0, 'nothing committed yet');

    const detail = await marker(renderUploadBackupScript(paths), 'uploadBackup', 'b1', sas);
    const counts = Object.fromEntries(detail.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    assert.equal(counts.uploaded, 3);
    assert.ok(counts['reused-blocks']! >= 1, detail);
    assert.ok(counts.bytes! <= 17 * MIB + 3016 - 8 * MIB, `resumed: sent ${counts.bytes} bytes`);
    const listing = await store.list(nodeDataPrefix('n1'));
    assert.deepEqual(findMissingUploads(plan, listing.map((b) => ({ ...b, checksum: b.metadata?.sha256 }))), []);
    for (const f of plan.files) assert.equal(sha256((await store.get(f.blobName))!), f.checksum, `${f.name} stored intact`);

    assert.equal(await marker(renderUploadBackupScript(paths), 'uploadBackup', 'b1', sas), 'uploaded=0 skipped=3 bytes=0 reused-blocks=0',
      'a re-run skips files already present');
  });

  it('uploads only the new file in the next backup, and leaves no trace of the SAS on the node', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    writeFileSync(join(paths.dataDir, 'ks1', TABLE_DIR, 'nb-2-big-Data.db'), randomBytes(5000));
    const plan = await snapshotAndPlan('b2', sas);
    assert.deepEqual(plan.upload.map((f) => f.name), ['nb-2-big-Data.db']);
    assert.deepEqual([plan.stats.files, plan.stats.newBytes], [4, 5000]);
    assert.equal(await marker(renderUploadBackupScript(paths), 'uploadBackup', 'b2', sas), 'uploaded=1 skipped=0 bytes=5000 reused-blocks=0');
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    for (const file of walk(paths.stateDir)) assert.ok(!readFileSync(file, 'utf8').includes(sas.reveal()), `SAS written to ${file}`);
  });

  it('fails naming a file whose size changed since the inventory', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    await snapshotAndPlan('b3', sas);
    writeFileSync(join(paths.dataDir, 'ks1', TABLE_DIR, 'snapshots', 'b3', 'nb-2-big-Data.db'), 'torn');
    await store.put(uploadPlanBlobName('b3', 'n1'), renderUploadPlan(planNodeUpload('n1',
      [{ keyspace: 'ks1', table: 'users', tableId: '5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b', name: 'nb-2-big-Data.db', size: 5000, checksum: 'a'.repeat(64) }], [])));
    const run = runScript(renderUploadBackupScript(paths), 'b3', sas);
    await run.done;
    assert.deepEqual(findScriptMarker(run.stdout, 'uploadBackup'), { script: 'uploadBackup', ok: false,
      detail: `size-changed ks1/${TABLE_DIR}/nb-2-big-Data.db` });
  });
});

process.on('exit', () => { if (root) rmSync(root, { recursive: true, force: true }); });
