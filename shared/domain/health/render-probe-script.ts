/** Where the node keeps its data. */
export interface ProbeScriptOptions {
  /** A directory on the data disk; `df` reports the filesystem that holds it. */
  dataDirectory: string;
  /** Seconds `df` may take before it is abandoned (a hung mount must not hang the probe). */
  commandTimeoutSeconds?: number;
}

/** The marker that opens each section of the probe output: `### probe <section> rc=<exit code>`. */
export const PROBE_MARKER = '### probe';

/**
 * Renders the bash script the node agent runs through Run Command to read what only the
 * operating system knows: the data disk's usage (`df`). Everything Cassandra knows is read over
 * CQL from its virtual tables instead, so the output is a few hundred bytes whatever the ring's
 * size. Run Command returns no exit code, so the section states its own; a final `### probe end`
 * line proves the output is complete.
 */
export function renderProbeScript(options: ProbeScriptOptions): string {
  const timeout = options.commandTimeoutSeconds ?? 60;
  return [
    '#!/bin/bash',
    'set -u',
    `DATA_DIR=${shellQuote(options.dataDirectory)}`,
    `out=$(timeout ${timeout} df -P -B1 "$DATA_DIR" 2>&1); rc=$?`,
    `printf '${PROBE_MARKER} df rc=%d\\n' "$rc"`,
    'printf \'%s\\n\' "$out" | tail -n 3 | cut -c1-300',
    `printf '${PROBE_MARKER} end\\n'`,
    '',
  ].join('\n');
}

/** Quotes one word for bash: single quotes, with embedded single quotes closed and escaped. */
function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
