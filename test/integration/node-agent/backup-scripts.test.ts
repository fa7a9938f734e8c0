import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../../shared/adapters/blobs/azure-blob-store.js';
import {
  renderBackupFilesScript, renderClearSnapshotScript, renderRestoreFilesScript, renderSnapshotBackupScript, renderUploadBackupScript, type BackupNodePaths,
}
  from '../../../shared/adapters/node-agent/backup-scripts.js';
import { backupScriptParameters, restoreScriptParameters } from '../../../shared/domain/backup/node-script-parameters.js';
import { findScriptMarker, type ScriptMarker } from '../../../shared/adapters/node-agent/parse-run-command-output.js';
import { inventoryBlobName, nodeDataPrefix, storedListingBlobName, uploadPlanBlobName } from '../../../shared/domain/backup/backup-blob-layout.js';
import { findMissingUploads, planNodeUpload, type NodeUploadPlan, type StoredBlob } from '../../../shared/domain/backup/plan-node-upload.js';
import { parseSnapshotInventory, renderRestorePlan, renderStoredListing, renderUploadPlan } from '../../../shared/domain/backup/snapshot-inventory.js';
import type { UploadSas } from '../../../shared/domain/ports/blob-store.js';
import type { SnapshotFile } from '../../../shared/domain/backup/backup-model.js';
import { useAzurite } from '../../support/azurite-fixture.js';
import { waitFor } from '../../support/wait-for.js';

const MIB = 1024 * 1024;
const TABLE_DIR = 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b';
const ORDERS_DIR = 'orders-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
/**
 * nodetool as the scripts use it: flush is a no-op, snapshot hard-links each table's files as
 * Cassandra does (with a manifest.json that holds the snapshot's time), import logs the files it
 * finds and moves them into the table's directory.
 */
const FAKE_NODETOOL = `#!/bin/bash
echo "$@" >> "$NODETOOL_LOG"
if [ "$1" = snapshot ]; then tag=$3; shift 4
  for ks in "$@"; do for t in "$DATA_DIR_FOR_FAKE/$ks"/*/; do mkdir -p "$t/snapshots/$tag"
    find "$t" -maxdepth 1 -type f -exec ln {} "$t/snapshots/$tag/" \\; ; [ -d "$t/.idx" ] && mkdir -p "$t/snapshots/$tag/.idx" && ln "$t/.idx/"* "$t/snapshots/$tag/.idx/"
    echo "{\\"created_at\\":\\"$(date +%s%N)\\"}" > "$t/snapshots/$tag/manifest.json"; done; done
fi
if [ "$1" = import ]; then [ "$2" = -- ] && shift; dir=$4
  (cd "$dir" && find . -type f | sort) >> "$NODETOOL_LOG"
  find "$dir" -mindepth 1 -maxdepth 1 -exec mv -t "$(echo "$DATA_DIR_FOR_FAKE/$2/$3"-*)" {} +
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

function runScript(lines: string[], backupId: string, sas: UploadSas, limitMBps = 0, variables: Record<string, string> = {}): ScriptRun {
  const { parameters, protectedParameters } = backupScriptParameters({ backupId, containerUrl: sas.containerUrl, keyspaces: ['ks1'], limitMBps,
    inventoryBlob: inventoryBlobName(backupId, 'n1'), planBlob: uploadPlanBlobName(backupId, 'n1'),
    storedBlob: storedListingBlobName(backupId, 'n1'), dataPrefix: nodeDataPrefix('n1') }, sas.reveal());
  return spawnScript(lines, { ...parameters, ...protectedParameters, ...variables });
}

function spawnScript(lines: string[], variables: Record<string, string>): ScriptRun {
  const child = spawn('bash', ['-c', lines.join('\n')], { env: { ...env, ...variables }, detached: true });
  const run: ScriptRun = { stdout: '', stderr: '', kill: () => process.kill(-child.pid!, 'SIGKILL'), done: Promise.resolve() };
  child.stdout.on('data', (d: Buffer) => { run.stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { run.stderr += d.toString(); });
  run.done = new Promise((resolve) => child.on('close', () => resolve()));
  return run;
}

async function marker(lines: string[], script: string, backupId: string, sas: UploadSas, limitMBps = 0, variables: Record<string, string> = {}):
  Promise<string> {
  return okDetail(await markerOf(runScript(lines, backupId, sas, limitMBps, variables), script, sas), script);
}

/** The script's marker once it ended, checking the SAS never reached its output. */
async function markerOf(run: ScriptRun, script: string, sas: UploadSas): Promise<ScriptMarker | undefined> {
  await run.done;
  assert.ok(!run.stdout.includes(sas.reveal()) && !run.stderr.includes(sas.reveal()), 'the SAS never reaches the output');
  return findScriptMarker(run.stdout, script) ?? assert.fail(`${script} printed no marker: ${run.stdout} ${run.stderr}`);
}

function okDetail(found: ScriptMarker | undefined, script: string): string {
  assert.ok(found?.ok, `${script}: ${JSON.stringify(found)}`);
  return found.detail;
}

/** A node to restore to: an empty data directory holding the tables the schema created. */
function restoreTarget(name: string): BackupNodePaths & { log: string } {
  const target = { dataDir: join(root, name, 'data'), stateDir: join(root, name, 'state'), log: join(root, name, 'nodetool.log') };
  for (const dir of [TABLE_DIR, ORDERS_DIR]) mkdirSync(join(target.dataDir, 'ks1', dir), { recursive: true });
  return target;
}

function runRestore(restoreId: string, sas: UploadSas, target: BackupNodePaths & { log: string }): ScriptRun {
  const { parameters, protectedParameters } = restoreScriptParameters({ restoreId, containerUrl: sas.containerUrl,
    planBlob: `restores/${restoreId}/plans/n1.tsv` }, sas.reveal());
  return spawnScript(renderRestoreFilesScript(target),
    { ...parameters, ...protectedParameters, NODETOOL_LOG: target.log, DATA_DIR_FOR_FAKE: target.dataDir });
}

/** Snapshot + inventory on the node, then the app's plan put where the upload script reads it. */
async function snapshotAndPlan(backupId: string, sas: UploadSas): Promise<NodeUploadPlan> {
  await marker(renderSnapshotBackupScript(paths), 'snapshotBackup', backupId, sas);
  const inventory = parseSnapshotInventory(Buffer.from((await store.get(inventoryBlobName(backupId, 'n1')))!).toString());
  assert.deepEqual(inventory.issues, []);
  assert.equal(inventory.files.some((f) => f.name === 'manifest.json'), false, 'the snapshot\'s own manifest changes every time: not backed up');
  const plan = planNodeUpload('n1', inventory.files, (await store.list(nodeDataPrefix('n1'))).map((b) => ({ ...b, checksum: b.metadata?.sha256 })));
  await store.put(uploadPlanBlobName(backupId, 'n1'), renderUploadPlan(plan));
  return plan;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The node's stored blobs as the app lists them, put where the backup job plans against them. */
async function putStoredListing(backupId: string): Promise<StoredBlob[]> {
  const stored = (await store.list(nodeDataPrefix('n1'))).map((b) => ({ name: b.name, sizeInBytes: b.sizeInBytes,
    ...(b.metadata?.sha256 ? { checksum: b.metadata.sha256 } : {}) }));
  await store.put(storedListingBlobName(backupId, 'n1'), renderStoredListing(stored));
  return stored;
}

async function inventoryOf(backupId: string): Promise<SnapshotFile[]> {
  const inventory = parseSnapshotInventory(Buffer.from((await store.get(inventoryBlobName(backupId, 'n1')))!).toString());
  assert.deepEqual(inventory.issues, []);
  return inventory.files;
}

const details = (detail: string) => Object.fromEntries(detail.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
/** The plan's lines, order aside: the node sorts by size alone, renderUploadPlan breaks ties by blob name. */
const planLines = (text: string) => text.split('\n').filter(Boolean).sort();

describe('backup node scripts against Azurite, with real files', () => {
  it('snapshots, inventories with SHA-256 on the node, plans, and uploads a multi-block file resumed after a kill, in one job', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    assert.deepEqual(await putStoredListing('b1'), []);
    // Put Blob up to 8 MiB instead of 256: the 17 MiB file goes up in three blocks.
    const smallSingles = { SINGLE_PUT_MAX_MIB: '8' };
    // Capped at 2 MiB/s in all (the three blocks side by side), a block takes seconds: kill the job once one is staged.
    const first = runScript(renderBackupFilesScript(paths), 'b1', sas, 2, smallSingles);
    await waitFor('an inventory', 30_000, async () => ((await store.get(inventoryBlobName('b1', 'n1'))) ? true : undefined), { intervalInMs: 100 });
    const table = join(paths.dataDir, 'ks1', TABLE_DIR);
    const files = await inventoryOf('b1');
    assert.deepEqual(files.map((f) => [f.name, f.size, f.checksum]).sort(), [
      ['.idx/nb-1-big-Index.db', 3000, sha256(readFileSync(join(table, '.idx', 'nb-1-big-Index.db')))],
      ['nb-1-big-Data.db', 17 * MIB, sha256(readFileSync(join(table, 'nb-1-big-Data.db')))],
      ['nb-1-big-TOC.txt', 16, sha256(readFileSync(join(table, 'nb-1-big-TOC.txt')))],
    ]);
    assert.equal(files.some((f) => f.name === 'manifest.json'), false, 'the snapshot\'s own manifest changes every time: not backed up');
    const plan = planNodeUpload('n1', files, []);
    const big = plan.files.find((f) => f.name === 'nb-1-big-Data.db')!;
    const blob = new BlockBlobClient(`${sas.containerUrl}/${big.blobName}?${sas.reveal()}`);
    await waitFor('a staged block', 30_000, async () =>
      ((await blob.getBlockList('uncommitted').catch(() => undefined))?.uncommittedBlocks?.length ?? 0) >= 1 ? true : undefined, { intervalInMs: 200 });
    first.kill();
    await first.done;
    assert.equal(findScriptMarker(first.stdout, 'backupFiles'), undefined, 'the killed run reported nothing');
    assert.equal((await store.list(big.blobName)).length, 0, 'nothing committed yet');
    const staged = (await blob.getBlockList('uncommitted')).uncommittedBlocks ?? [];
    assert.deepEqual(staged.map((b) => b.size).filter((size) => size !== 8 * MIB && size !== MIB), [], 'blocks of the rule\'s 8 MiB');

    const counts = details(await marker(renderBackupFilesScript(paths), 'backupFiles', 'b1', sas, 0, smallSingles));
    assert.match(readFileSync(env.NODETOOL_LOG!, 'utf8'), /^snapshot -t b1 -- ks1\n$/, 'one nodetool run, not repeated by the second run');
    // Every file is new; the small ones went first, side by side, and were recorded as stored before the kill.
    assert.deepEqual([counts.files, counts['new-files'], counts['new-bytes']], [3, 3, plan.stats.bytes]);
    assert.deepEqual([counts.uploaded, counts.skipped, counts['reused-blocks']], [1, 2, staged.length]);
    assert.equal(counts.sent, 17 * MIB - staged.reduce((sum, b) => sum + b.size, 0), `resumed: the ${staged.length} staged blocks not sent again`);
    const listing = await store.list(nodeDataPrefix('n1'));
    assert.deepEqual(findMissingUploads(plan, listing.map((b) => ({ ...b, checksum: b.metadata?.sha256 }))), []);
    for (const f of plan.files) assert.equal(sha256((await store.get(f.blobName))!), f.checksum, `${f.name} stored intact`);

    assert.ok(counts['snapshot-ms']! >= 0 && counts['transfer-ms']! > 0, `the job timed itself: ${JSON.stringify(counts)}`);
    const { 'snapshot-ms': _s, 'transfer-ms': _t, ...rerun } = details(await marker(renderBackupFilesScript(paths), 'backupFiles', 'b1', sas));
    const { 'snapshot-ms': _s1, 'transfer-ms': _t1, ...firstRun } = counts;
    assert.deepEqual(rerun, { ...firstRun, uploaded: 0, skipped: 3, sent: 0, 'reused-blocks': 0 }, 'a re-run skips files it stored');
  });

  it('uploads only the new file in the next backup, as planNodeUpload plans it, and leaves no trace of the SAS on the node', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    writeFileSync(join(paths.dataDir, 'ks1', TABLE_DIR, 'nb-2-big-Data.db'), randomBytes(5000));
    const stored = await putStoredListing('b2');
    const counts = details(await marker(renderBackupFilesScript(paths), 'backupFiles', 'b2', sas));
    const plan = planNodeUpload('n1', await inventoryOf('b2'), stored);
    assert.deepEqual(plan.upload.map((f) => f.name), ['nb-2-big-Data.db']);
    assert.deepEqual([counts.files, counts.bytes, counts['new-files'], counts['new-bytes'], counts.uploaded, counts.sent],
      [plan.stats.files, plan.stats.bytes, 1, 5000, 1, 5000]);
    assert.deepEqual(planLines(readFileSync(join(paths.stateDir, 'b2', 'plan.tsv'), 'utf8')), planLines(renderUploadPlan(plan)),
      'the node planned what the app would have');
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    for (const file of walk(paths.stateDir)) assert.ok(!readFileSync(file, 'utf8').includes(sas.reveal()), `SAS written to ${file}`);
  });

  it('uploads through the two-job scripts (snapshot, the app\'s plan, upload), which backups started before one job finish with', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    writeFileSync(join(paths.dataDir, 'ks1', TABLE_DIR, 'nb-3-big-Data.db'), randomBytes(7000));
    const plan = await snapshotAndPlan('b-two-jobs', sas);
    assert.deepEqual(plan.upload.map((f) => f.name), ['nb-3-big-Data.db']);
    assert.equal(await marker(renderUploadBackupScript(paths), 'uploadBackup', 'b-two-jobs', sas), 'uploaded=1 skipped=0 bytes=7000 reused-blocks=0');
    assert.deepEqual(findMissingUploads(plan, (await store.list(nodeDataPrefix('n1'))).map((b) => ({ ...b, checksum: b.metadata?.sha256 }))), []);
  });

  it('clears a snapshot through a nodetool that fails once, and reports nodetool\'s own words when it keeps failing', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    const flaky = join(root, 'flaky-bin');
    mkdirSync(flaky, { recursive: true });
    // Fails while its counter file is below FAIL_TIMES, then succeeds.
    writeFileSync(join(flaky, 'nodetool'), '#!/bin/bash\nn=$(cat "$COUNTER" 2>/dev/null || echo 0); echo $((n + 1)) > "$COUNTER"\n'
      + '[ "$n" -ge "$FAIL_TIMES" ] && exit 0\necho "nodetool: Failed to connect to 127.0.0.1:7199" >&2; exit 1\n');
    chmodSync(join(flaky, 'nodetool'), 0o755);
    const clear = (failTimes: number) => spawnScript(renderClearSnapshotScript(), { BACKUP_ID: 'b9', KEYSPACES: 'ks1',
      PATH: `${flaky}:${process.env.PATH}`, COUNTER: join(flaky, `count-${failTimes}`), FAIL_TIMES: String(failTimes) });
    assert.deepEqual(await markerOf(clear(1), 'clearSnapshot', sas), { script: 'clearSnapshot', ok: true, detail: 'cleared' });
    assert.equal(readFileSync(join(flaky, 'count-1'), 'utf8').trim(), '2', 'tried again once');
    const failing = clear(3);
    assert.deepEqual(await markerOf(failing, 'clearSnapshot', sas), { script: 'clearSnapshot', ok: false, detail: 'nodetool' });
    assert.match(failing.stderr, /Failed to connect to 127\.0\.0\.1:7199/);
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

describe('restore node script against Azurite, with real files', () => {
  it('stages and verifies every file, then imports each table once, and a re-run imports nothing again', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    mkdirSync(join(paths.dataDir, 'ks1', ORDERS_DIR));
    writeFileSync(join(paths.dataDir, 'ks1', ORDERS_DIR, 'nb-1-big-Data.db'), randomBytes(4000));
    const plan = await snapshotAndPlan('b4', sas);
    await marker(renderUploadBackupScript(paths), 'uploadBackup', 'b4', sas);
    await store.put('restores/r1/plans/n1.tsv', renderRestorePlan(plan.files));
    const target = restoreTarget('target-1');

    const detail = `files=${plan.files.length} bytes=${plan.stats.bytes} tables=2`;
    assert.equal(okDetail(await markerOf(runRestore('r1', sas, target), 'restoreFiles', sas), 'restoreFiles'), detail);
    const stage = join(target.dataDir, '..', 'restore', 'r1');
    const staged = (dir: string) => plan.files.filter((f) => `${f.table}-${f.tableId.replace(/-/g, '')}` === dir).map((f) => `./${f.name}`).sort();
    const log = readFileSync(target.log, 'utf8');
    assert.deepEqual(log.trimEnd().split('\n'), [`import -- ks1 orders ${stage}/ks1/${ORDERS_DIR}`, ...staged(ORDERS_DIR),
      `import -- ks1 users ${stage}/ks1/${TABLE_DIR}`, ...staged(TABLE_DIR)]);
    for (const f of plan.files) {
      const file = join(target.dataDir, 'ks1', `${f.table}-${f.tableId.replace(/-/g, '')}`, f.name);
      assert.equal(sha256(readFileSync(file)), f.checksum, `${f.name} imported intact`);
    }
    assert.equal(existsSync(stage), false, 'the staging directory is removed');

    assert.equal(okDetail(await markerOf(runRestore('r1', sas, target), 'restoreFiles', sas), 'restoreFiles'), detail);
    assert.equal(readFileSync(target.log, 'utf8'), log, 'a re-run imports no table again');
  });

  it('fails naming the file whose stored bytes changed, imports nothing, and resumes without fetching verified files again', async () => {
    const sas = await store.issueUploadSas({ expiresInMs: 600_000 });
    const plan = await snapshotAndPlan('b5', sas);
    await store.put('restores/r2/plans/n1.tsv', renderRestorePlan(plan.files));
    /** Flips one byte of the file's stored blob; returns how to put the original back. */
    const corrupt = async (table: string, name: string) => {
      const { blobName } = plan.files.find((f) => f.table === table && f.name === name)!;
      const original = (await store.get(blobName))!;
      const flipped = Uint8Array.from(original);
      flipped[3]! ^= 0x01;
      await store.put(blobName, flipped);
      return () => store.put(blobName, original);
    };
    const target = restoreTarget('target-2');
    const mendToc = await corrupt('users', 'nb-1-big-TOC.txt');
    try {
      assert.deepEqual(await markerOf(runRestore('r2', sas, target), 'restoreFiles', sas),
        { script: 'restoreFiles', ok: false, detail: `checksum-mismatch ks1/${TABLE_DIR}/nb-1-big-TOC.txt` });
      assert.equal(existsSync(target.log), false, 'nodetool never ran');
      for (const dir of [TABLE_DIR, ORDERS_DIR]) assert.deepEqual(readdirSync(join(target.dataDir, 'ks1', dir)), [], `${dir} stays empty`);

      // The orders file was verified before the failure: a re-run keeps it, so its blob going bad now goes unnoticed.
      await mendToc();
      const mendOrders = await corrupt('orders', 'nb-1-big-Data.db');
      try {
        assert.equal(okDetail(await markerOf(runRestore('r2', sas, target), 'restoreFiles', sas), 'restoreFiles'),
          `files=${plan.files.length} bytes=${plan.stats.bytes} tables=2`);
        assert.equal(readFileSync(target.log, 'utf8').split('\n').filter((l) => l.startsWith('import ')).length, 2);
      } finally {
        await mendOrders();
      }
    } finally {
      await mendToc();
    }
  });
});

process.on('exit', () => { if (root) rmSync(root, { recursive: true, force: true }); });
