/** How the probe script reaches nodetool and where the node keeps its data. */
export interface ProbeScriptOptions {
  /** The nodetool command as argv words, e.g. `['nodetool']` or a path plus `-h 127.0.0.1 -p 7299`. */
  nodetool: string[];
  /** A directory on the data disk; `df` reports the filesystem that holds it. */
  dataDirectory: string;
  /** Seconds each nodetool call may take before it is abandoned (a hung JVM must not hang the probe). */
  commandTimeoutSeconds?: number;
  /** Bytes of `nodetool status` kept verbatim; above this, UN rows shrink to status and address. */
  statusBudgetBytes?: number;
}

/** The marker that opens each section of the probe output: `### probe <section> rc=<exit code>`. */
export const PROBE_MARKER = '### probe';
export const PROBE_SECTIONS = ['status', 'tpstats', 'compactionstats', 'info', 'df'] as const;

/**
 * Renders the bash script the node agent runs through Run Command to take the node's own view.
 * Invariants: one Run Command returns everything inside Azure's 4,096-byte output tail. Every
 * section is filtered to the lines health reads; `nodetool status`, the only section that grows
 * with the cluster, comes first and is condensed past `statusBudgetBytes`, so if anything is cut
 * from the head it is never the small fixed sections; a final `### probe end` line proves the
 * output is complete. Run Command returns no exit code, so each section states its own.
 */
export function renderProbeScript(options: ProbeScriptOptions): string {
  const nodetool = options.nodetool.map(shellQuote).join(' ');
  const timeout = options.commandTimeoutSeconds ?? 60;
  const budget = options.statusBudgetBytes ?? 2200;
  return [
    '#!/bin/bash',
    'set -u',
    `NT=(timeout ${timeout} ${nodetool})`,
    `DATA_DIR=${shellQuote(options.dataDirectory)}`,
    'filter_status() {',
    `  tr -s ' ' | awk -v max=${budget} '{ l[NR]=$0; n+=length($0)+1 } END {`,
    '    for (i=1;i<=NR;i++) { s=l[i]; if (s !~ /^(Datacenter:|--|[UD?][NLJM] )/) continue;',
    '      if (n>max && s ~ /^UN /) { split(s,f," "); print f[1] " " f[2] } else print s } }\'',
    '}',
    'filter_tpstats() { awk \'/^Message type/ { t=1; print "Message type Dropped"; next } t && /^[A-Z_]*(MUTATION|HINT)/ { print $1, $2 }\'; }',
    'filter_compactionstats() { grep -E -i -m1 "^ *pending (compaction )?tasks"; }',
    'filter_info() { grep -E "^(ID|Gossip active|Native Transport active|Heap Memory \\(MB\\)|Data Center|Rack|Uptime \\(seconds\\)) *:"; }',
    'section() {',
    '  local name=$1; shift; local out rc',
    '  out=$("$@" 2>&1); rc=$?',
    `  printf '${PROBE_MARKER} %s rc=%d\\n' "$name" "$rc"`,
    '  if [ "$rc" -ne 0 ]; then printf \'%s\\n\' "$out" | tail -n 3 | cut -c1-200; return; fi',
    '  printf \'%s\\n\' "$out" | "filter_$name"',
    '}',
    'filter_df() { cat; }',
    'section status "${NT[@]}" status',
    'section tpstats "${NT[@]}" tpstats',
    'section compactionstats "${NT[@]}" compactionstats',
    'section info "${NT[@]}" info',
    'section df df -P -B1 "$DATA_DIR"',
    `printf '${PROBE_MARKER} end\\n'`,
    '',
  ].join('\n');
}

/** Quotes one word for bash: single quotes, with embedded single quotes closed and escaped. */
function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
