// Backs up and restores a three-node cluster (RF 3) holding about 200 MiB per node of 16 KiB rows
// (BENCH_BACKUP_MIB, default 200), on one local stack, and prints:
// - backup throughput against plain uploads of the same files to the same Azurite, timed the
//   same way (a curl script, and the Azure SDK): the plain uploads start from a snapshot taken
//   before their clock starts, so the backup is timed from its snapshot on, as each node's job
//   measured it (checksums, plan, upload: `nodeTimes.transferMs`, the slowest node), target:
//   backup / the faster plain upload >= 0.7; and, for the whole picture, the upload step with
//   the snapshot and the Run Command and its polling around it;
// - the new bytes of a second backup of the unchanged cluster (target 0);
// - RTO: the restore of the first backup into a new three-node cluster, the whole operation and
//   its restore step, and the bytes restored; the restored cluster is then deleted.
// The table's compaction is off, so the plain uploads read the SSTables the backup uploaded and
// the second backup meets the same files (a compaction in between would be a real change, not
// the differential's). Prints measurements and targets; asserts no timing. Stops everything it
// started, by pid, whatever happens.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import cassandra from 'cassandra-driver';
import { e2eSslOptions } from '../e2e/support/cluster-checks.js';
import { BlobServiceClient, ContainerSASPermissions } from '@azure/storage-blob';
import { backupContainerName, manifestBlobName } from '../../shared/domain/backup/backup-blob-layout.js';
import type { BackupManifest } from '../../shared/domain/backup/backup-model.js';
import { UPLOAD_PARALLELISM } from '../../shared/adapters/node-agent/backup-scripts.js';
import { planBlockSize } from '../../shared/domain/backup/plan-block-size.js';
import type { DeploymentNode } from '../../shared/domain/deploy/deployment-plan.js';
import { LOCAL_SUBSCRIPTION_ID as SUBSCRIPTION } from '../../local/stack/start-local-stack.js';
import { hasEnded, startE2eStack, type E2eStack, type OperationBody } from '../e2e/support/e2e-stack.js';
import { runOnVm } from '../e2e/support/run-on-vm.js';

const MIB = 1024 * 1024;
const MIB_PER_NODE = Number(process.env.BENCH_BACKUP_MIB ?? 200);
/** Rows large enough that loading the data costs minutes, not the run. */
const ROW_KIB = 16;
const KEYSPACE = 'bench';
const CLUSTER = 'backupbench';
// Not a name with CLUSTER as its prefix: resourcesOf(CLUSTER) matches resource groups by prefix.
const RESTORED = 'restoredbench';
const RATIO_TARGET = 0.7;
const net = (octet: number) => ({ addressSpace: `127.${octet}.0.0/16`, dataSubnet: `127.${octet}.1.0/24`,
  appSubnet: `127.${octet}.2.0/24` });
const SPEC = {
  cluster: { name: CLUSTER, numTokens: 4, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: SUBSCRIPTION, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3, network: net(91) }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: KEYSPACE, replication: { dc1: 3 } }],
  // No upload cap: the benchmark measures the transfer, not the throttle.
  schedules: { snapshot: { retentionDays: 7, keepLast: 2, uploadMBps: 0 } },
};
// Every timer waits for New Year, as in the backup story: only the benchmark's own backups run.
const APP_SETTINGS = { HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *', AUTOPILOT_REPAIR_TIMER_SCHEDULE: '0 0 0 1 1 *',
  AUTOPILOT_BACKUP_TIMER_SCHEDULE: '0 0 0 1 1 *', AUTOPILOT_DRILL_TIMER_SCHEDULE: '0 0 0 1 1 *' };

/** An operation with the timestamps `GET /api/operations/{id}` answers with. */
type TimedOperation = Omit<OperationBody, 'steps'> & { createdAt: string; endedAt?: string;
  steps: (OperationBody['steps'][number] & { startedAt: string; endedAt?: string })[] };
interface BackupBody {
  backupId: string; status: string; stats: { files: number; bytes: number; newFiles: number; newBytes: number };
  nodeTimes?: Record<string, { snapshotMs: number; transferMs: number }>;
}

const seconds = (from: string, to: string | undefined) => (Date.parse(to ?? '') - Date.parse(from)) / 1000;
function stepSeconds(op: TimedOperation, name: string): number {
  const step = op.steps.find((s) => s.name === name);
  if (!step?.endedAt) throw new Error(`operation ${op.id} has no ended ${name} step: ${JSON.stringify(op.steps)}`);
  return seconds(step.startedAt, step.endedAt);
}

/** Writes MIB_PER_NODE MiB of random (incompressible) rows of ROW_KIB KiB at LOCAL_QUORUM; with RF 3 every node holds them all. */
async function load(t: E2eStack, nodes: DeploymentNode[]): Promise<void> {
  const client = new cassandra.Client({ contactPoints: nodes.map((n) => n.privateIp), localDataCenter: 'dc1', sslOptions: e2eSslOptions(),
    authProvider: new cassandra.auth.PlainTextAuthProvider('autopilot_admin', t.superuserPassword(CLUSTER)),
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum, prepare: true } });
  try {
    await client.connect();
    await client.execute(`CREATE TABLE IF NOT EXISTS ${KEYSPACE}.payloads (id int PRIMARY KEY, payload blob)
      WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'enabled': 'false'}`);
    const rows = MIB_PER_NODE * 1024 / ROW_KIB;
    // In chunks, so that the payloads in memory stay a few MiB whatever the size asked for.
    for (let from = 0; from < rows; from += 512) {
      const params = Array.from({ length: Math.min(512, rows - from) }, (_, i) => [from + i, randomBytes(ROW_KIB * 1024)]);
      // A write timeout on two busy cores would end the run; the inserts are idempotent, so the chunk is written again.
      for (let attempt = 1; ; attempt++) {
        try {
          await cassandra.concurrent.executeConcurrent(client, `INSERT INTO ${KEYSPACE}.payloads (id, payload) VALUES (?, ?)`, params,
            { concurrencyLevel: 16 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    }
  } finally {
    await client.shutdown();
  }
  const arm = t.armClients();
  await Promise.all(nodes.map((n) => runOnVm(arm, n, `nodetool flush -- ${KEYSPACE}`)));
}

/** Starts a backup through the API and waits for it; returns the operation and the backup as the API shows them. */
async function backup(t: E2eStack): Promise<{ op: TimedOperation; body: BackupBody }> {
  const answer = await t.api('POST', `/api/clusters/${CLUSTER}/backups`);
  if (answer.status !== 202) throw new Error(`backup refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  const { backupId } = answer.body as { backupId: string };
  const op = await t.waitForOperation(backupId, hasEnded, 1_200_000) as TimedOperation;
  if (op.status !== 'Succeeded') throw new Error(`backup ${op.status}: ${JSON.stringify(op.error)}`);
  return { op, body: (await t.api('GET', `/api/clusters/${CLUSTER}/backups/${backupId}`)).body as BackupBody };
}

/** Seconds a Durable instance ran (created → last updated), read through the host's durable endpoint with the master key. */
async function instanceSeconds(t: E2eStack, id: string): Promise<number> {
  const res = await fetch(`${t.stack.apiUrl}/durabletask/instances/${encodeURIComponent(id)}`,
    { headers: { 'x-functions-key': t.stack.masterKey } });
  const status = await res.json() as { createdTime: string; lastUpdatedTime: string };
  return seconds(status.createdTime, status.lastUpdatedTime);
}

/**
 * A plain upload, as a simple script would do it: one curl per request, one request at a time,
 * Put Blob for a file of one block, else `dd bs=1M | curl -T -` Put Blocks then Put Block List,
 * with the product's block sizes and the SAS handed over in a config from a process substitution.
 * Without what the backup does around it (snapshot, SHA-256, plan, Run Command and its polling)
 * and without its transfers side by side: the ratio is what the backup costs or saves against
 * the plain way. Reads `<file>\t<size>\t<blob>\t<block size>\t<block count>` lines from stdin,
 * moved to fd 3 so that no curl or dd in the loop reads them.
 */
const PLAIN_UPLOADER = [
  'set -u',
  'exec 3<&0 0</dev/null',
  'call() {',
  '  local blob=$1 query=$2; shift 2',
  '  curl -sS -o /dev/null -w "%{http_code}" -X PUT -H "x-ms-version: 2021-12-02" "$@" \\',
  '    --config <(printf \'url = "%s/%s?%s%s"\\n\' "$CONTAINER_URL" "$blob" "$query" "$SAS")',
  '}',
  'block_id() { printf "block-%06d" "$1" | base64; }',
  'enc() { local s=${1//+/%2B}; s=${s//\\//%2F}; printf "%s" "${s//=/%3D}"; }',
  'while IFS=$\'\\t\' read -r -u 3 f size blob bs count; do',
  '  if [ "$count" -le 1 ]; then',
  '    code=$(call "$blob" "" -T "$f" -H "x-ms-blob-type: BlockBlob")',
  '    [ "$code" = 201 ] || { echo "put-blob-http-$code $f" >&2; exit 1; }',
  '    continue',
  '  fi',
  '  list=\'<?xml version="1.0" encoding="utf-8"?><BlockList>\'',
  '  for ((i = 0; i < count; i++)); do',
  '    id=$(block_id "$i"); off=$((i * bs)); len=$((size - off < bs ? size - off : bs)); list+="<Latest>$id</Latest>"',
  '    code=$(dd if="$f" bs=1M skip=$((off / 1048576)) count=$(((len + 1048575) / 1048576)) iflag=fullblock status=none \\',
  '      | call "$blob" "comp=block&blockid=$(enc "$id")&" -T - -H "Content-Length: $len" -H "Transfer-Encoding:" -H "Expect:")',
  '    [ "$code" = 201 ] || { echo "put-block-http-$code $f" >&2; exit 1; }',
  '  done',
  '  code=$(call "$blob" "comp=blocklist&" --data-binary "$list</BlockList>" -H "Content-Type: application/xml")',
  '  [ "$code" = 201 ] || { echo "put-block-list-http-$code $f" >&2; exit 1; }',
  'done',
].join('\n');

function runUploader(lines: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', PLAIN_UPLOADER], { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`plain uploader exited ${code}: ${stderr.trim()}`))));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

/** A plain upload's measure. */
interface Upload { files: number; bytes: number; seconds: number }

/** Every file of snapshot `tag` under a data directory, as the backup reads a snapshot (its manifest.json left out). */
function snapshotFiles(dataDir: string, tag: string): { path: string; size: number; blob: string }[] {
  return readdirSync(dataDir).flatMap((ks) => readdirSync(join(dataDir, ks)).flatMap((table) => {
    const dir = join(dataDir, ks, table, 'snapshots', tag);
    if (!existsSync(dir)) return [];
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    return walk(dir).filter((path) => path !== join(dir, 'manifest.json'))
      .map((path) => ({ path, size: statSync(path).size, blob: `${ks}/${table}/${relative(dir, path)}` }));
  }));
}

/**
 * The same files as the backup, uploaded plainly: right after backup 1 each node takes a snapshot
 * of its own (`benchplain`) of the keyspaces backup 1 holds, which has the same SSTables (the
 * bench table's compaction is off; the system tables barely change in between). Two plain ways,
 * the nodes side by side in each: a script with one curl per request, one request at a time; and
 * the Azure SDK's uploadFile from this process, UPLOAD_PARALLELISM files at a time per node.
 */
async function plainUploads(t: E2eStack, manifest: BackupManifest, nodes: DeploymentNode[]): Promise<{ curl: Upload; sdk: Upload }> {
  const container = BlobServiceClient.fromConnectionString(t.stack.azurite.connectionString).getContainerClient('bench-plain');
  await container.createIfNotExists();
  const sasUrl = await container.generateSasUrl({ permissions: ContainerSASPermissions.parse('cw'),
    expiresOn: new Date(Date.now() + 3_600_000) });
  const env = { CONTAINER_URL: container.url, SAS: sasUrl.slice(sasUrl.indexOf('?') + 1) };
  const arm = t.armClients();
  const vms = t.resourcesOf(CLUSTER, 'Microsoft.Compute/virtualMachines');
  const keyspaces = [...new Set(manifest.nodes.flatMap((m) => m.files.map((f) => f.keyspace)))];
  const perNode = await Promise.all(manifest.nodes.map(async (m) => {
    const node = nodes.find((n) => n.name === m.node);
    const vm = node && vms.find((v) => v.name.toLowerCase() === node.vmName.toLowerCase());
    if (!node || !vm) throw new Error(`no VM for the manifest's node ${m.node}`);
    await runOnVm(arm, node, `nodetool snapshot -t benchplain -- ${keyspaces.join(' ')}`);
    // The guest keeps the VM's /var/lib/cassandra under its node directory.
    const files = snapshotFiles(join(t.stack.guests.describe(vm).nodeDir, 'var/lib/cassandra/data'), 'benchplain');
    return { node, files: files.map((f) => ({ ...f, blob: `${m.node}/${f.blob}` })) };
  }));
  const all = perNode.flatMap((n) => n.files);
  const measure = async (upload: (files: typeof all) => Promise<unknown>): Promise<Upload> => {
    const started = performance.now();
    await Promise.all(perNode.map((n) => upload(n.files)));
    return { files: all.length, bytes: all.reduce((sum, f) => sum + f.size, 0), seconds: (performance.now() - started) / 1000 };
  };
  const curl = await measure((files) => runUploader(files.map((f) => {
    const block = planBlockSize(f.size);
    return [f.path, f.size, `curl/${f.blob}`, block.blockSize, block.blockCount].join('\t');
  }), env));
  const sdk = await measure(async (files) => {
    const queue = [...files];
    await Promise.all(Array.from({ length: UPLOAD_PARALLELISM }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await container.getBlockBlobClient(`sdk/${f.blob}`).uploadFile(f.path);
    }));
  });
  await Promise.all(perNode.map((n) => runOnVm(arm, n.node, 'nodetool clearsnapshot -t benchplain')));
  return { curl, sdk };
}

/** Restores `backupId` into a new cluster on its own address space and waits for it; throws unless it Succeeded. */
async function restore(t: E2eStack, backupId: string): Promise<TimedOperation> {
  const body = { backupId, targetCluster: RESTORED, networks: { dc1: net(92) } };
  const answer = await t.api('POST', `/api/clusters/${CLUSTER}/restores`, { body });
  if (answer.status !== 202) throw new Error(`restore refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  const op = await t.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 1_800_000) as TimedOperation;
  if (op.status !== 'Succeeded') throw new Error(`restore ${op.status}: ${JSON.stringify(op.error)}`);
  return op;
}

async function deleteCluster(t: E2eStack, name: string): Promise<void> {
  const answer = await t.api('DELETE', `/api/clusters/${name}?confirm=${name}`);
  if (answer.status !== 202) throw new Error(`delete refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  const op = await t.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 600_000);
  if (op.status !== 'Succeeded') throw new Error(`delete ${op.status}: ${JSON.stringify(op.error)}`);
}

/** What the run measured, for the table. */
interface Measured {
  first: BackupBody;
  uploadSeconds: number;
  perNode: { node: string; files: number; bytes: number }[];
  slowestJob: number;
  transferSeconds: number;
  snapshotSeconds: number;
  plain: { curl: Upload; sdk: Upload };
  second: BackupBody;
  restored: TimedOperation;
}

async function measure(t: E2eStack): Promise<Measured> {
  const nodes = (await t.deploy(SPEC)).plan.nodes;
  const loadStarted = performance.now();
  await load(t, nodes);
  console.log(`loaded and flushed ${MIB_PER_NODE} MiB of ${ROW_KIB} KiB rows (RF 3) in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  const first = await backup(t);
  const backupId = first.body.backupId;
  const manifestBlob = BlobServiceClient.fromConnectionString(t.stack.azurite.connectionString)
    .getContainerClient(backupContainerName(CLUSTER)).getBlobClient(manifestBlobName(backupId));
  const manifest = JSON.parse((await manifestBlob.downloadToBuffer()).toString()) as BackupManifest;
  const perNode = manifest.nodes.map((m) => ({ node: m.node, files: m.files.length, bytes: m.files.reduce((sum, f) => sum + f.size, 0) }));
  // Where the upload step's time went: each node's job (snapshot, SHA-256, plan, upload) as a Run Command, polled.
  const jobs = await Promise.all(manifest.nodes.map((m) => instanceSeconds(t, `${backupId}:node-${m.node}:backup`)));
  const slowestJob = Math.max(...jobs);
  const times = Object.values(first.body.nodeTimes ?? {});
  if (times.length !== manifest.nodes.length) throw new Error(`backup 1 recorded the times of ${times.length} of ${manifest.nodes.length} nodes`);
  const transferSeconds = Math.max(...times.map((n) => n.transferMs)) / 1000;
  const snapshotSeconds = Math.max(...times.map((n) => n.snapshotMs)) / 1000;
  const plain = await plainUploads(t, manifest, nodes);
  const second = await backup(t);
  const restored = await restore(t, backupId);
  await deleteCluster(t, RESTORED);
  return { first: first.body, uploadSeconds: stepSeconds(first.op, 'upload'), perNode, slowestJob, transferSeconds, snapshotSeconds, plain,
    second: second.body, restored };
}

function report(m: Measured): void {
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
  const rate = (bytes: number, s: number) => `${mib(bytes)} in ${s.toFixed(1)} s = ${(bytes / MIB / s).toFixed(1)} MiB/s`;
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const throughput = m.first.stats.newBytes / m.transferSeconds;
  const ratioTo = (u: Upload) => throughput / (u.bytes / u.seconds);
  // The target is held against the faster plain way.
  const ratio = Math.min(ratioTo(m.plain.curl), ratioTo(m.plain.sdk));
  const stepRatio = (m.first.stats.newBytes / m.uploadSeconds) / Math.max(m.plain.curl.bytes / m.plain.curl.seconds, m.plain.sdk.bytes / m.plain.sdk.seconds);
  const restoreSeconds = stepSeconds(m.restored, 'restore');
  const steps = m.restored.steps.map((s) => `${s.name} ${seconds(s.startedAt, s.endedAt).toFixed(1)}`).join(', ');
  const rows: [string, string, string?][] = [
    ['backup 1, per node', m.perNode.map((n) => `${n.node} ${mib(n.bytes)} in ${n.files} files`).join('; ')],
    ['backup 1, after the snapshot', `${rate(m.first.stats.newBytes, m.transferSeconds)} (slowest node: checksums, plan and upload)`],
    ['plain upload, curl, 1 at a time', `${m.plain.curl.files} files, ${rate(m.plain.curl.bytes, m.plain.curl.seconds)} (ratio ${ratioTo(m.plain.curl).toFixed(2)})`],
    [`plain upload, SDK, ${UPLOAD_PARALLELISM} at a time`, `${m.plain.sdk.files} files, ${rate(m.plain.sdk.bytes, m.plain.sdk.seconds)} (ratio ${ratioTo(m.plain.sdk).toFixed(2)})`],
    ['backup / faster plain', ratio.toFixed(2), `>= ${RATIO_TARGET}: ${verdict(ratio >= RATIO_TARGET)}`],
    ['backup 1, whole upload step', `${rate(m.first.stats.newBytes, m.uploadSeconds)}: slowest snapshot ${m.snapshotSeconds.toFixed(1)} s, slowest node's `
      + `Run Command with its polling ${m.slowestJob.toFixed(1)} s (ratio to the faster plain ${stepRatio.toFixed(2)})`],
    ['backup 2, cluster unchanged', `${m.second.stats.newBytes} bytes new of ${m.second.stats.bytes} (${m.second.stats.newFiles} files)`,
      `0: ${verdict(m.second.stats.newBytes === 0)}`],
    ['restore of backup 1 (RTO)',
      `${seconds(m.restored.createdAt, m.restored.endedAt).toFixed(1)} s for ${mib(m.first.stats.bytes)} (${steps})`],
    ['restore step alone', rate(m.first.stats.bytes, restoreSeconds)],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nbackup benchmark: 3 nodes, RF 3, ${MIB_PER_NODE} MiB of ${ROW_KIB} KiB rows per node, one local stack`);
  for (const [what, value, target] of rows) console.log(`${what.padEnd(width)}  ${value}${target ? `  [target ${target}]` : ''}`);
}

const t = await startE2eStack({ appSettings: APP_SETTINGS });
// Ctrl-C still stops the nodes, Azurite, the simulator and the host it started.
const stopOnSignal = () => void t.dispose().finally(() => process.exit(130));
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);
try {
  report(await measure(t));
} finally {
  await t.dispose();
}
