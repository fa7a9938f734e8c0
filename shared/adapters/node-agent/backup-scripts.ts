import type { NodeJobScript } from '../../domain/ports/node-agent-port.js';

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
    // call METHOD BLOB QUERY OUT [curl args…]: prints the HTTP status (000: no answer).
    'call() {',
    '  local method=$1 blob=$2 query=$3 out=$4; shift 4',
    '  curl -sS -o "$out" -w "%{http_code}" -X "$method" -H "x-ms-version: 2021-12-02" "${rate[@]}" "$@" \\',
    '    --config <(printf \'url = "%s/%s?%s%s"\\n\' "$CONTAINER_URL" "$blob" "$query" "$SAS") 2>>"$state/curl.err"',
    '}',
    // put_blob FILE BLOB SHA256: one Put Blob, retried; the checksum goes into the blob's metadata; $code is the last status.
    'put_blob() {',
    '  local try',
    '  for try in 1 2 3 4 5; do',
    '    code=$(call PUT "$2" "" /dev/null -T "$1" -H "x-ms-blob-type: BlockBlob" -H "x-ms-meta-sha256: $3")',
    '    [ "$code" = 201 ] && return 0',
    '    sleep $((try * 2))',
    '  done',
    '  return 1',
    '}',
  ];
}

/**
 * Snapshot and inventory: `nodetool flush` per keyspace and `nodetool snapshot -t <backup id>` of
 * `KEYSPACES` (skipped when the tag already exists: a re-run does not take a second snapshot),
 * then a SHA-256 of every file, cached by device, inode, size and mtime (snapshot files are hard
 * links to immutable SSTables, so an unchanged file is hashed once across backups), and the
 * inventory put at `INVENTORY_BLOB`. The snapshot's own manifest.json is left out: it lists the
 * files (the backup's manifest does that) and holds the snapshot's time, so it would be a new file
 * in every backup of an unchanged cluster. Marker detail: `files=<n> bytes=<n>`.
 */
export function renderSnapshotBackupScript(paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  return [
    ...prelude('snapshotBackup', paths, '$BACKUP_ID'),
    'shopt -s nullglob',
    'IFS=, read -ra keyspaces <<< "$KEYSPACES"',
    'existing=("$data_dir"/*/*/snapshots/"$BACKUP_ID")',
    'if [ ${#existing[@]} -eq 0 ]; then',
    '  for ks in "${keyspaces[@]}"; do nodetool flush -- "$ks" >>"$state/nodetool.out" 2>&1 || fail "flush-$ks"; done',
    '  nodetool snapshot -t "$BACKUP_ID" -- "${keyspaces[@]}" >>"$state/nodetool.out" 2>&1 || fail snapshot',
    'fi',
    'cache=$state_root/checksums.tsv; touch "$cache"; : > "$state/checksums.new"',
    'declare -A known; while IFS=$\'\\t\' read -r key sum; do known[$key]=$sum; done < "$cache"',
    'inventory=$state/inventory.tsv; : > "$inventory"; files=0; bytes=0',
    'for dir in "$data_dir"/*/*/snapshots/"$BACKUP_ID"; do',
    '  rel=${dir#"$data_dir"/}; ks=${rel%%/*}; rest=${rel#*/}; tdir=${rest%%/*}',
    '  while IFS= read -r -d \'\' f; do',
    '    name=${f#"$dir"/}',
    '    read -r size key < <(stat -c "%s %d:%i:%s:%Y" "$f") || fail "stat-$name"',
    '    sum=${known[$key]:-}',
    '    if [ -z "$sum" ]; then sum=$(sha256sum "$f") || fail "sha256-$name"; sum=${sum%% *}; fi',
    '    printf "%s\\t%s\\n" "$key" "$sum" >> "$state/checksums.new"',
    '    printf "%s\\t%s\\t%s\\t%s\\t%s\\n" "$ks" "$tdir" "$name" "$size" "$sum" >> "$inventory"',
    '    files=$((files + 1)); bytes=$((bytes + size))',
    '  done < <(find "$dir" -type f ! -path "$dir/manifest.json" -print0 | sort -z)',
    'done',
    // Only the checksums of files still in a snapshot are kept: the cache does not grow forever.
    'sort -u "$state/checksums.new" > "$cache"; rm -f "$state/checksums.new"',
    'sha=$(sha256sum "$inventory" | cut -d" " -f1)',
    'put_blob "$inventory" "$INVENTORY_BLOB" "$sha" || fail "inventory-http-$code"',
    'echo "AUTOPILOT-STATUS snapshotBackup ok files=$files bytes=$bytes"',
  ];
}

/**
 * Upload: reads the plan at `PLAN_BLOB` and uploads each file in it, sequentially, capped at
 * `LIMIT_MBPS` MiB/s. A file of one block is one Put Blob; a larger one is Put Block per block
 * (sizes from the plan, read with `dd bs=1M` and streamed with an explicit Content-Length and
 * curl's chunked encoding switched off, which Put Block refuses, so a 4,000 MiB block is never
 * held in memory) then Put Block List with the file's SHA-256 as metadata. Resumable: a file already
 * stored with its size and checksum is skipped, and blocks Get Block List reports as uncommitted
 * with the planned size are not sent again (block ids are a function of the position only, and
 * the blob name includes the checksum, so a staged block is the same bytes). A file whose size
 * differs from the plan fails the upload, naming it. Marker detail:
 * `uploaded=<files> skipped=<files> bytes=<sent> reused-blocks=<n>`.
 */
export function renderUploadBackupScript(paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  return [
    ...prelude('uploadBackup', paths, '$BACKUP_ID'),
    'code=$(call GET "$PLAN_BLOB" "" "$state/plan.tsv"); [ "$code" = 200 ] || fail "plan-http-$code"',
    'uploaded=0; skipped=0; sent=0; reused=0',
    'block_id() { printf "block-%06d" "$1" | base64; }',
    'enc() { local s=${1//+/%2B}; s=${s//\\//%2F}; printf "%s" "${s//=/%3D}"; }',
    'while IFS=$\'\\t\' read -r -u 3 ks tdir name size sum blob bs count; do',
    '  [ -n "$ks" ] || continue',
    '  f=$data_dir/$ks/$tdir/snapshots/$BACKUP_ID/$name',
    '  [ -f "$f" ] || fail "missing-file $ks/$tdir/$name"',
    '  [ "$(stat -c %s "$f")" = "$size" ] || fail "size-changed $ks/$tdir/$name"',
    '  code=$(call HEAD "$blob" "" "$state/head" -I)',
    '  if [ "$code" = 200 ] && grep -qi "^content-length: $size\\s*$" "$state/head" && grep -qi "^x-ms-meta-sha256: $sum\\s*$" "$state/head"; then',
    '    skipped=$((skipped + 1)); continue',
    '  fi',
    '  if [ "$count" -le 1 ]; then',
    '    put_blob "$f" "$blob" "$sum" || fail "put-blob-http-$code $ks/$tdir/$name"',
    '    uploaded=$((uploaded + 1)); sent=$((sent + size)); continue',
    '  fi',
    '  declare -A staged=()',
    '  code=$(call GET "$blob" "comp=blocklist&blocklisttype=uncommitted&" "$state/blocks.xml")',
    '  if [ "$code" = 200 ]; then',
    '    while read -r id len; do staged[$id]=$len; done < <(grep -o "<Name>[^<]*</Name><Size>[0-9]*</Size>" "$state/blocks.xml" \\',
    '      | sed -e "s#<Name>\\([^<]*\\)</Name><Size>\\([0-9]*\\)</Size>#\\1 \\2#")',
    '  fi',
    '  list=$state/blocklist.xml; printf \'<?xml version="1.0" encoding="utf-8"?><BlockList>\' > "$list"',
    '  for ((i = 0; i < count; i++)); do',
    '    id=$(block_id "$i"); off=$((i * bs)); len=$((size - off < bs ? size - off : bs))',
    '    printf "<Latest>%s</Latest>" "$id" >> "$list"',
    '    if [ "${staged[$id]:-}" = "$len" ]; then reused=$((reused + 1)); continue; fi',
    '    for try in 1 2 3 4 5; do',
    '      code=$(dd if="$f" bs=1M skip=$((off / 1048576)) count=$(((len + 1048575) / 1048576)) iflag=fullblock status=none \\',
    '        | call PUT "$blob" "comp=block&blockid=$(enc "$id")&" /dev/null -T - -H "Content-Length: $len" -H "Transfer-Encoding:" -H "Expect:")',
    '      [ "$code" = 201 ] && break',
    '      sleep $((try * 2))',
    '    done',
    '    [ "$code" = 201 ] || fail "put-block-http-$code $ks/$tdir/$name"',
    '    sent=$((sent + len))',
    '  done',
    '  printf "</BlockList>" >> "$list"',
    '  code=$(call PUT "$blob" "comp=blocklist&" /dev/null --data-binary @"$list" -H "Content-Type: application/xml" -H "x-ms-meta-sha256: $sum")',
    '  [ "$code" = 201 ] || fail "put-block-list-http-$code $ks/$tdir/$name"',
    '  unset staged; uploaded=$((uploaded + 1))',
    'done 3< "$state/plan.tsv"',
    'echo "AUTOPILOT-STATUS uploadBackup ok uploaded=$uploaded skipped=$skipped bytes=$sent reused-blocks=$reused"',
  ];
}

/** Clears the backup's snapshot on the node once its files are stored (idempotent: no snapshot, nothing to clear). */
export function renderClearSnapshotScript(): string[] {
  return [
    'set -u',
    'IFS=, read -ra keyspaces <<< "$KEYSPACES"',
    'nodetool clearsnapshot -t "$BACKUP_ID" -- "${keyspaces[@]}" >/dev/null 2>&1 || { echo "AUTOPILOT-STATUS clearSnapshot failed nodetool"; exit 1; }',
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
    'sha() { local s; s=$(sha256sum < "$1") || return 1; printf "%s" "${s%% *}"; }',
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

/** The lines of a node job's script, for a managed run command's `source.script`. */
export function renderNodeJobScript(script: NodeJobScript, paths: BackupNodePaths = BACKUP_NODE_PATHS): string[] {
  switch (script) {
    case 'snapshotBackup': return renderSnapshotBackupScript(paths);
    case 'uploadBackup': return renderUploadBackupScript(paths);
    case 'clearSnapshot': return renderClearSnapshotScript();
    case 'restoreFiles': return renderRestoreFilesScript(paths);
  }
}
