import type { NodeJobScript } from '../../domain/ports/node-agent-port.js';
import { renderCleanupNodeScript, renderRebuildNodeScript, renderDecommissionNodeScript } from './topology-scripts.js';

/**
 * The node side of a backup and a restore, as scripts for Run Command. The node and the app
 * exchange file lists through the backup container (Run Command returns only 4 KB of output): the
 * snapshot script writes the node's inventory (every snapshot file with its size and SHA-256), the
 * app decides what to upload (planNodeUpload) and writes an upload plan, the upload script carries
 * it out; for a restore the app writes a restore plan and the restore script fetches and imports it.
 *
 * The SAS arrives as the protected parameter `SAS` (an environment variable, never returned by
 * the Run Command API). The scripts never print it, never trace (`set +x`), never write it to a
 * file, and hand it to curl through a config read from a file descriptor, so it is not in any
 * process's argv either. Only HTTP status codes of failed requests are printed, never bodies.
 */

/** Where the scripts read snapshots and keep their own state (the Debian package's layout). */
export interface BackupNodePaths {
  dataDir: string;
  stateDir: string;
}

export const BACKUP_NODE_PATHS: BackupNodePaths = { dataDir: '/var/lib/cassandra/data', stateDir: '/var/lib/cassandra-autopilot/backup' };

/**
 * `tried COMMAND…`: runs it up to three times, 5 s apart, for nodetool runs a busy node can fail
 * once (a JMX refusal, a flush that timed out); the last failure's output tail goes to stderr,
 * which the job's status carries.
 */
const TRIED = [
  'tried() {',
  '  local try out',
  '  for try in 1 2 3; do',
  '    out=$("$@" 2>&1) && return 0',
  '    [ "$try" -lt 3 ] || { printf "%s\\n" "$out" | tail -n 5 >&2; return 1; }',
  '    sleep 5',
  '  done',
  '}',
];

/**
 * Shared by the scripts that call Blob storage: checks, the request helper and a failure exit.
 * `$1` of fail is the script's reason; `stateName` names the run's state directory (shell text).
 */
function prelude(script: NodeJobScript, paths: BackupNodePaths, stateName: string): string[] {
  return [
    'set -u',
    'set +x',
    'umask 077',
    `data_dir=${paths.dataDir}; state_root=${paths.stateDir}`,
    `fail() { echo "AUTOPILOT-STATUS ${script} failed $1"; exit 1; }`,
    '[ -n "${SAS:-}" ] || fail no-credential',
    'command -v curl >/dev/null || fail no-curl',
    `state=$state_root/${stateName}; mkdir -p "$state" || fail state-dir`,
    'rate=(); [ "${LIMIT_MBPS:-0}" -gt 0 ] && rate=(--limit-rate "${LIMIT_MBPS}M")',
    // sha256_files: NUL-separated paths in, `<sha256> <path>` lines out. OpenSSL's SHA-256 uses the
    // CPU's SHA instructions, about five times coreutils' sha256sum, which serves where it is missing.
    'if command -v openssl >/dev/null; then sha256_files() { xargs -0 -r openssl dgst -sha256 -r | sed "s/ \\*/ /"; }',
    'else sha256_files() { xargs -0 -r sha256sum --; }; fi',
    'sha() { local s; s=$(printf "%s\\0" "$1" | sha256_files) && [ -n "$s" ] || return 1; printf "%s" "${s%% *}"; }',
    // call METHOD BLOB QUERY OUT [curl args…]: prints the HTTP status (000: no answer).
    'call() {',
    '  local method=$1 blob=$2 query=$3 out=$4; shift 4',
    '  curl -sS -o "$out" -w "%{http_code}" -X "$method" -H "x-ms-version: 2021-12-02" "${rate[@]}" "$@" \\',
    '    --config <(printf \'url = "%s/%s?%s%s"\\n\' "$CONTAINER_URL" "$blob" "$query" "$SAS") 2>>"$state/curl.err"',
    '}',
    // put_tried COMMAND…: a request that prints its status, tried five times until it is 201; $code is the last status.
    'put_tried() {',
    '  local try',
    '  for try in 1 2 3 4 5; do',
    '    code=$("$@")',
    '    [ "$code" = 201 ] && return 0',
    '    sleep $((try * 2))',
    '  done',
    '  return 1',
    '}',
    // put_blob FILE BLOB SHA256: one Put Blob, the checksum in the blob's metadata.
    'put_blob() { put_tried call PUT "$2" "" /dev/null -T "$1" -H "x-ms-blob-type: BlockBlob" -H "x-ms-meta-sha256: $3"; }',
  ];
}

/**
 * Snapshot and inventory: `nodetool snapshot -t <backup id>` of `KEYSPACES` (skipped when the tag
 * already exists: a re-run does not take a second snapshot), then a SHA-256 of every file, cached
 * by device, inode, size and mtime (snapshot files are hard links to immutable SSTables, so an
 * unchanged file is hashed once across backups), and the inventory put at `INVENTORY_BLOB`.
 * `nodetool snapshot` flushes every table's memtable first (no `--skip-flush`), so one nodetool
 * run does what a flush per keyspace then a snapshot would, with one JVM start instead of one per
 * keyspace: on a busy node those starts, not the files, were most of the step. One `find` lists
 * the files and one hashing process (sha256_files) hashes the new ones, so the cost does not grow with a process per
 * file. The snapshot's own manifest.json is left out: it lists the files (the backup's manifest
 * does that) and holds the snapshot's time, so it would be a new file in every backup of an
 * unchanged cluster. Marker detail: `files=<n> bytes=<n>`.
 */
export function renderSnapshotBackupScript(paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  return [
    ...prelude('snapshotBackup', paths, '$BACKUP_ID'),
    ...snapshotAndInventory(),
    'echo "AUTOPILOT-STATUS snapshotBackup ok files=$files bytes=$bytes"',
  ];
}

/**
 * The snapshot and its inventory, put at `INVENTORY_BLOB`: leaves `$inventory`, `$files`, `$bytes`,
 * and the clock (`now_ms`) read when it started (`$started`) and once the snapshot was taken (`$snapshotted`).
 */
function snapshotAndInventory(): string[] {
  return [
    ...TRIED,
    'now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }',
    'started=$(now_ms)',
    'shopt -s nullglob',
    'IFS=, read -ra keyspaces <<< "$KEYSPACES"',
    'existing=("$data_dir"/*/*/snapshots/"$BACKUP_ID")',
    'if [ ${#existing[@]} -eq 0 ]; then',
    // A failed snapshot is cleared before the next try, which would otherwise find its tag taken.
    '  snapshot_once() { nodetool snapshot -t "$BACKUP_ID" -- "${keyspaces[@]}" || { nodetool clearsnapshot -t "$BACKUP_ID" -- "${keyspaces[@]}"; false; }; }',
    '  tried snapshot_once || fail snapshot',
    'fi',
    'snapshotted=$(now_ms)',
    // No data directory yet (a node that never flushed): a snapshot of nothing.
    ': > "$state/listing"',
    'if [ -d "$data_dir" ]; then',
    '  find "$data_dir" -mindepth 5 -path "$data_dir/*/*/snapshots/$BACKUP_ID/*" -type f -printf "%p\\t%s\\t%D:%i:%s:%T@\\n" > "$state/listing" || fail list',
    'fi',
    'LC_ALL=C sort -o "$state/listing" "$state/listing" || fail list',
    'cache=$state_root/checksums.tsv; touch "$cache"',
    'declare -A known=() hashed=()',
    'while IFS=$\'\\t\' read -r key sum; do known[$key]=$sum; done < "$cache"',
    ': > "$state/unhashed"',
    'while IFS=$\'\\t\' read -r f size key; do [ -n "${known[$key]:-}" ] || printf "%s\\0" "$f" >> "$state/unhashed"; done < "$state/listing"',
    'if [ -s "$state/unhashed" ]; then',
    '  sha256_files < "$state/unhashed" > "$state/sums" || fail sha256',
    '  while read -r sum f; do hashed[$f]=$sum; done < "$state/sums"',
    'fi',
    'inventory=$state/inventory.tsv; : > "$inventory"; : > "$state/checksums.new"; files=0; bytes=0',
    'while IFS=$\'\\t\' read -r f size key; do',
    '  rel=${f#"$data_dir"/}; ks=${rel%%/*}; rest=${rel#*/}; tdir=${rest%%/*}; name=${rest#*/snapshots/"$BACKUP_ID"/}',
    '  [ "$name" = manifest.json ] && continue',
    '  sum=${known[$key]:-${hashed[$f]:-}}; [ -n "$sum" ] || fail "sha256-$name"',
    '  printf "%s\\t%s\\n" "$key" "$sum" >> "$state/checksums.new"',
    '  printf "%s\\t%s\\t%s\\t%s\\t%s\\n" "$ks" "$tdir" "$name" "$size" "$sum" >> "$inventory"',
    '  files=$((files + 1)); bytes=$((bytes + size))',
    'done < "$state/listing"',
    // Only the checksums of files still in a snapshot are kept: the cache does not grow forever.
    'sort -u "$state/checksums.new" > "$cache"; rm -f "$state/checksums.new" "$state/unhashed" "$state/sums"',
    'sha=$(sha "$inventory") || fail sha256-inventory',
    'put_blob "$inventory" "$INVENTORY_BLOB" "$sha" || fail "inventory-http-$code"',
  ];
}

/**
 * A node's whole part of a backup in one job (one Run Command start instead of two; on Azure a
 * managed run command takes about 30 s to start): the snapshot and its inventory as
 * renderSnapshotBackupScript, then its own differential plan, then the upload as
 * renderUploadBackupScript. The plan is planNodeUpload's rule against `STORED_BLOB`, the listing
 * of the node's stored blobs the app wrote before the job: a file is referenced when its content
 * address (`NODE_PREFIX<keyspace>/<table dir>/<sha256>/<name>`) holds a blob of its size (and
 * checksum, when recorded); the rest go up as planBlockSize would send them, from the rule's
 * numbers the app passes (`SINGLE_PUT_MAX_MIB`, `MIN_BLOCK_MIB`, `MAX_BLOCKS`). The app checks the
 * result against a fresh listing, as after an upload. Marker detail: `files=<n> bytes=<n>
 * new-files=<n> new-bytes=<n> uploaded=<files> skipped=<files> sent=<bytes> reused-blocks=<n>
 * snapshot-ms=<n> transfer-ms=<n>`: where the job's time went, the snapshot, then checksums, plan and upload.
 */
export function renderBackupFilesScript(paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  return [
    ...prelude('backupFiles', paths, '$BACKUP_ID'),
    ...snapshotAndInventory(),
    'code=$(call GET "$STORED_BLOB" "" "$state/stored.tsv"); [ "$code" = 200 ] || fail "stored-listing-http-$code"',
    'declare -A have=()',
    'while IFS=$\'\\t\' read -r b size sum; do [ -n "$b" ] && have[$b]=$size/$sum; done < "$state/stored.tsv"',
    'mib=1048576; single_max=$((SINGLE_PUT_MAX_MIB * mib)); min_block=$((MIN_BLOCK_MIB * mib)); per_block=$((MAX_BLOCKS * mib))',
    ': > "$state/plan.tsv"; new_files=0; new_bytes=0',
    'while IFS=$\'\\t\' read -r ks tdir name size sum; do',
    '  blob=$NODE_PREFIX$ks/$tdir/$sum/$name; h=${have[$blob]:-}',
    '  [ "${h%%/*}" = "$size" ] && { [ "${h#*/}" = "" ] || [ "${h#*/}" = "$sum" ]; } && continue',
    '  if [ "$size" -le "$single_max" ]; then',
    '    bs=$(((size + mib - 1) / mib * mib)); count=$((size > 0 ? 1 : 0))',
    '  else',
    '    bs=$(((size + per_block - 1) / per_block * mib)); [ "$bs" -ge "$min_block" ] || bs=$min_block; count=$(((size + bs - 1) / bs))',
    '    [ "$count" -le "$MAX_BLOCKS" ] || fail "too-large $ks/$tdir/$name"',
    '  fi',
    '  printf "%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n" "$ks" "$tdir" "$name" "$size" "$sum" "$blob" "$bs" "$count" >> "$state/plan.tsv"',
    '  new_files=$((new_files + 1)); new_bytes=$((new_bytes + size))',
    'done < "$inventory"',
    'sort -t $\'\\t\' -k4,4nr -o "$state/plan.tsv" "$state/plan.tsv" || fail plan',
    ...uploadPlanned(),
    'echo "AUTOPILOT-STATUS backupFiles ok files=$files bytes=$bytes new-files=$new_files new-bytes=$new_bytes uploaded=$uploaded'
      + ' skipped=$skipped sent=$sent reused-blocks=$reused snapshot-ms=$((snapshotted - started)) transfer-ms=$(($(now_ms) - snapshotted))"',
  ];
}

/** Transfers an upload runs side by side: one request at a time leaves most of a node's bandwidth idle on small files. */
export const UPLOAD_PARALLELISM = 4;

/**
 * Upload: reads the plan at `PLAN_BLOB` and uploads each file in it, `UPLOAD_PARALLELISM`
 * requests at a time, capped at `LIMIT_MBPS` MiB/s in all. Files of one block go up as Put Blob
 * with the file's SHA-256 as metadata, many per curl process (`--parallel`, one operation each),
 * since a process per file costs more than most SSTable components' bytes. A larger file is Put
 * Block per block (sizes from the plan, read with `dd bs=1M` and streamed with an explicit
 * Content-Length and curl's chunked encoding switched off, which Put Block refuses, so a
 * 4,000 MiB block is never held in memory), its blocks side by side, then Put Block List with
 * the SHA-256. Resumable: each stored file is recorded in the run's state and not sent again,
 * and blocks Get Block List reports as uncommitted with the planned size are not sent again
 * (block ids are a function of the position only, and the blob name includes the checksum, so a
 * staged block is the same bytes); a file stored but not yet recorded is sent again, the same
 * bytes under the same name. A file whose size differs from the plan fails the upload, naming
 * it. Marker detail: `uploaded=<files> skipped=<files> bytes=<sent> reused-blocks=<n>`.
 */
export function renderUploadBackupScript(paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  return [
    ...prelude('uploadBackup', paths, '$BACKUP_ID'),
    'code=$(call GET "$PLAN_BLOB" "" "$state/plan.tsv"); [ "$code" = 200 ] || fail "plan-http-$code"',
    ...uploadPlanned(),
    'echo "AUTOPILOT-STATUS uploadBackup ok uploaded=$uploaded skipped=$skipped bytes=$sent reused-blocks=$reused"',
  ];
}

/** Uploads the plan at `$state/plan.tsv` (renderUploadPlan's lines): leaves `$uploaded`, `$skipped`, `$sent` and `$reused`. */
function uploadPlanned(): string[] {
  return [
    `par=${UPLOAD_PARALLELISM}`,
    '[ "${LIMIT_MBPS:-0}" -gt 0 ] && rate=(--limit-rate "$((LIMIT_MBPS * 1024 / par))K")',
    'stored=$state/stored.txt; touch "$stored"',
    'declare -A done_blobs=() now=()',
    'while IFS= read -r b; do done_blobs[$b]=1; done < "$stored"',
    'while IFS=$\'\\t\' read -r p size; do now[$p]=$size; done < <(find "$data_dir" -mindepth 5 -path "$data_dir/*/*/snapshots/$BACKUP_ID/*" -type f -printf "%p\\t%s\\n")',
    'uploaded=0; skipped=0; sent=0; reused=0; singles=(); bigs=()',
    'while IFS=$\'\\t\' read -r -u 3 ks tdir name size sum blob bs count; do',
    '  [ -n "$ks" ] || continue',
    '  f=$data_dir/$ks/$tdir/snapshots/$BACKUP_ID/$name',
    '  [ -n "${now[$f]:-}" ] || fail "missing-file $ks/$tdir/$name"',
    '  [ "${now[$f]}" = "$size" ] || fail "size-changed $ks/$tdir/$name"',
    '  if [ -n "${done_blobs[$blob]:-}" ]; then skipped=$((skipped + 1)); continue; fi',
    '  entry="$f"$\'\\t\'"$size"$\'\\t\'"$sum"$\'\\t\'"$blob"$\'\\t\'"$bs"$\'\\t\'"$count"$\'\\t\'"$ks/$tdir/$name"',
    '  if [ "$count" -le 1 ]; then singles+=("$entry"); else bigs+=("$entry"); fi',
    'done 3< "$state/plan.tsv"',
    'put_config() {',
    '  local e f size sum blob bs count at i=0',
    '  for e in "$@"; do',
    '    IFS=$\'\\t\' read -r f size sum blob bs count at <<< "$e"',
    '    [ "$i" -gt 0 ] && printf \'next\\n\'',
    '    printf \'url = "%s/%s?%s"\\nupload-file = "%s"\\noutput = "/dev/null"\\nwrite-out = "%%{http_code} %s\\\\n"\\n\' "$CONTAINER_URL" "$blob" "$SAS" "$f" "$i"',
    '    printf \'request = "PUT"\\nheader = "x-ms-version: 2021-12-02"\\nheader = "x-ms-blob-type: BlockBlob"\\nheader = "x-ms-meta-sha256: %s"\\n\' "$sum"',
    '    [ ${#rate[@]} -gt 0 ] && printf \'limit-rate = "%s"\\n\' "${rate[1]}"',
    '    i=$((i + 1))',
    '  done',
    '}',
    'put_singles() {',
    '  local try todo=("$@") failed code i e f size sum blob bs count at last=""',
    '  for try in 1 2 3 4 5; do',
    '    failed=()',
    '    while read -r code i; do',
    '      e=${todo[$i]}; IFS=$\'\\t\' read -r f size sum blob bs count at <<< "$e"',
    '      if [ "$code" = 201 ]; then',
    '        echo "$blob" >> "$stored"; uploaded=$((uploaded + 1)); sent=$((sent + size))',
    '      else',
    '        failed+=("$e"); last="put-blob-http-$code $at"',
    '      fi',
    '    done < <(curl -sS --no-progress-meter --parallel --parallel-max "$par" --config <(put_config "${todo[@]}") 2>>"$state/curl.err")',
    '    [ ${#failed[@]} -eq 0 ] && return 0',
    '    todo=("${failed[@]}"); sleep $((try * 2))',
    '  done',
    '  fail "$last"',
    '}',
    'for ((from = 0; from < ${#singles[@]}; from += 64)); do put_singles "${singles[@]:from:64}"; done',
    'block_once() {',
    '  local f=$1 blob=$2 id=$3 off=$4 len=$5',
    '  dd if="$f" bs=1M skip=$((off / 1048576)) count=$(((len + 1048575) / 1048576)) iflag=fullblock status=none \\',
    '    | call PUT "$blob" "comp=block&blockid=$(enc "$id")&" /dev/null -T - -H "Content-Length: $len" -H "Transfer-Encoding:" -H "Expect:"',
    '}',
    // Run in the background: the last status reaches the upload through a file.
    'put_block() { put_tried block_once "$@" || { echo "$code" > "$state/block.fail"; return 1; }; }',
    'block_id() { printf "block-%06d" "$1" | base64; }',
    'enc() { local s=${1//+/%2B}; s=${s//\\//%2F}; printf "%s" "${s//=/%3D}"; }',
    'for e in "${bigs[@]}"; do',
    '  IFS=$\'\\t\' read -r f size sum blob bs count at <<< "$e"',
    '  declare -A staged=()',
    '  code=$(call GET "$blob" "comp=blocklist&blocklisttype=uncommitted&" "$state/blocks.xml")',
    '  if [ "$code" = 200 ]; then',
    '    while read -r id len; do staged[$id]=$len; done < <(grep -o "<Name>[^<]*</Name><Size>[0-9]*</Size>" "$state/blocks.xml" \\',
    '      | sed -e "s#<Name>\\([^<]*\\)</Name><Size>\\([0-9]*\\)</Size>#\\1 \\2#")',
    '  fi',
    '  list=$state/blocklist.xml; printf \'<?xml version="1.0" encoding="utf-8"?><BlockList>\' > "$list"',
    '  pids=(); lens=()',
    '  for ((i = 0; i < count; i++)); do',
    '    id=$(block_id "$i"); off=$((i * bs)); len=$((size - off < bs ? size - off : bs))',
    '    printf "<Latest>%s</Latest>" "$id" >> "$list"',
    '    if [ "${staged[$id]:-}" != "$len" ]; then put_block "$f" "$blob" "$id" "$off" "$len" & pids+=($!); lens+=("$len"); else reused=$((reused + 1)); fi',
    '    if [ ${#pids[@]} -ge "$par" ] || [ $((i + 1)) -eq "$count" ]; then',
    '      for ((j = 0; j < ${#pids[@]}; j++)); do',
    '        wait "${pids[$j]}" || fail "put-block-http-$(cat "$state/block.fail") $at"',
    '        sent=$((sent + lens[j]))',
    '      done',
    '      pids=(); lens=()',
    '    fi',
    '  done',
    '  printf "</BlockList>" >> "$list"',
    '  code=$(call PUT "$blob" "comp=blocklist&" /dev/null --data-binary @"$list" -H "Content-Type: application/xml" -H "x-ms-meta-sha256: $sum")',
    '  [ "$code" = 201 ] || fail "put-block-list-http-$code $at"',
    '  unset staged; echo "$blob" >> "$stored"; uploaded=$((uploaded + 1))',
    'done',
  ];
}

/**
 * Clears the backup's snapshot on the node once its files are stored (idempotent: no snapshot,
 * nothing to clear), tried three times: a leftover snapshot would hold the disk space of every
 * file in it.
 */
export function renderClearSnapshotScript(): string[] {
  return [
    'set -u',
    ...TRIED,
    'IFS=, read -ra keyspaces <<< "$KEYSPACES"',
    'tried nodetool clearsnapshot -t "$BACKUP_ID" -- "${keyspaces[@]}" || { echo "AUTOPILOT-STATUS clearSnapshot failed nodetool"; exit 1; }',
    'echo "AUTOPILOT-STATUS clearSnapshot ok cleared"',
  ];
}

/**
 * Restore: reads the plan at `PLAN_BLOB` (renderRestorePlan) and downloads each file with Get
 * Blob, sequentially, capped at `LIMIT_MBPS` MiB/s, into a staging directory per table,
 * `<data dir>/../restore/<restore id>/<keyspace>/<table-dir>/`: on the data dir's filesystem, so
 * `nodetool import` moves the files instead of copying them. Each download's size and SHA-256 are
 * checked against the plan; a mismatch fails the restore naming the file (`size-mismatch`,
 * `checksum-mismatch` or `download-http-<code>`, then `<keyspace>/<table-dir>/<name>`). Only once
 * every file of the plan is verified is each table imported (`nodetool import <keyspace> <table>
 * <dir>`), so no table is loaded from a partial set; each import is recorded in the restore's
 * state and not run again. Resumable: a file already staged with its size and checksum is not
 * downloaded again. A kill between an import and its record re-imports that table on the next run:
 * the same cells twice, which reads and compaction merge. Marker detail:
 * `files=<n> bytes=<n> tables=<n>`.
 */
export function renderRestoreFilesScript(paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  return [
    ...prelude('restoreFiles', paths, 'restore-$RESTORE_ID'),
    'code=$(call GET "$PLAN_BLOB" "" "$state/plan.tsv"); [ "$code" = 200 ] || fail "plan-http-$code"',
    // Absolute: nodetool hands the directory to Cassandra, which resolves it from its own working directory.
    'restore_root=$(cd "$data_dir/.." && pwd)/restore || fail data-dir',
    'stage=$restore_root/$RESTORE_ID; mkdir -p "$stage" || fail stage-dir',
    'imported=$state/imported.txt; touch "$imported"',
    // Plan fields become paths, curl's config and nodetool's arguments: only what the app writes passes.
    're_ks="^[A-Za-z0-9_]{1,48}$"; re_tdir="^[A-Za-z0-9_]{1,48}-[0-9a-f]{32}$"',
    're_name="^(\\.[A-Za-z0-9_]{1,48}/)?[A-Za-z0-9._+-]{1,200}$"; re_blob="^[A-Za-z0-9_.:/+-]{1,1024}$"',
    'files=0; bytes=0; declare -A tables=()',
    'while IFS=$\'\\t\' read -r -u 3 ks tdir name size sum blob; do',
    '  [ -n "$ks" ] || continue',
    '  [[ $ks =~ $re_ks && $tdir =~ $re_tdir && $name =~ $re_name && $name != *..* && $size =~ ^[0-9]{1,16}$ \\',
    '    && $sum =~ ^[0-9a-f]{64}$ && $blob =~ $re_blob ]] || fail "bad-plan-line $((files + 1))"',
    '  files=$((files + 1)); bytes=$((bytes + size)); tables[$ks/$tdir]=1; at=$ks/$tdir/$name; f=$stage/$at',
    // An imported table's files were moved into its data directory: nothing of it is staged any more.
    '  grep -qxF "$ks/$tdir" "$imported" && continue',
    '  [ -f "$f" ] && [ "$(stat -c %s "$f")" = "$size" ] && [ "$(sha "$f")" = "$sum" ] && continue',
    '  mkdir -p "${f%/*}" || fail "stage-dir $ks/$tdir"',
    '  for try in 1 2 3 4 5; do',
    '    code=$(call GET "$blob" "" "$f.part")',
    '    case $code in 200|403|404) break ;; esac',
    '    sleep $((try * 2))',
    '  done',
    '  [ "$code" = 200 ] || fail "download-http-$code $at"',
    '  [ "$(stat -c %s "$f.part")" = "$size" ] || fail "size-mismatch $at"',
    '  [ "$(sha "$f.part")" = "$sum" ] || fail "checksum-mismatch $at"',
    '  mv -f "$f.part" "$f" || fail "stage $at"',
    'done 3< "$state/plan.tsv"',
    // Run Command runs as root with umask 077; Cassandra reads and moves the files as the data dir's owner.
    'chown -R --reference="$data_dir" "$restore_root" || fail chown',
    'for t in $(printf "%s\\n" "${!tables[@]}" | sort); do',
    '  grep -qxF "$t" "$imported" && continue',
    '  tdir=${t#*/}',
    '  nodetool import -- "${t%%/*}" "${tdir%-*}" "$stage/$t" >>"$state/nodetool.out" 2>&1 || fail "import $t"',
    '  echo "$t" >> "$imported"',
    'done',
    'rm -rf "$stage"',
    'echo "AUTOPILOT-STATUS restoreFiles ok files=$files bytes=$bytes tables=${#tables[@]}"',
  ];
}

/** The lines of a node job's script, for a managed run command's `source.script`: every job's, the topology ones from topology-scripts. */
export function renderNodeJobScript(script: NodeJobScript, paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  switch (script) {
    case 'snapshotBackup': return renderSnapshotBackupScript(paths);
    case 'uploadBackup': return renderUploadBackupScript(paths);
    case 'backupFiles': return renderBackupFilesScript(paths);
    case 'clearSnapshot': return renderClearSnapshotScript();
    case 'restoreFiles': return renderRestoreFilesScript(paths);
    case 'cleanupNode': return renderCleanupNodeScript();
    case 'decommissionNode': return renderDecommissionNodeScript();
    case 'rebuildNode': return renderRebuildNodeScript();
  }
}
