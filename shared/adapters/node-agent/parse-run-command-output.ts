/** Run Command's output of one script, split back into its streams. */
export interface RunCommandOutput {
  stdout: string;
  stderr: string;
}

/** The status a node script prints last: `AUTOPILOT-STATUS <script> ok|failed <detail>`. */
export interface ScriptMarker {
  script: string;
  ok: boolean;
  detail: string;
}

interface InstanceViewStatusLike {
  code?: string;
  message?: string;
}

/**
 * Splits Run Command's result into stdout and stderr. Linux agents pack both streams into one
 * message (`Enable succeeded: \n[stdout]\n...\n[stderr]\n...`); the documented example uses two
 * statuses with codes `ComponentStatus/StdOut/*` and `ComponentStatus/StdErr/*`. Both are handled.
 * Either stream is only the last 4 KB of what the script printed.
 */
export function parseRunCommandOutput(statuses: InstanceViewStatusLike[] | undefined): RunCommandOutput {
  const list = statuses ?? [];
  const byCode = (part: string) => list.find((s) => s.code?.includes(`/${part}/`))?.message;
  const stdoutStatus = byCode('StdOut');
  if (stdoutStatus !== undefined) return { stdout: stdoutStatus, stderr: byCode('StdErr') ?? '' };
  const message = list.map((s) => s.message ?? '').join('\n');
  const out = message.indexOf('[stdout]\n');
  const err = message.indexOf('[stderr]\n');
  if (out < 0 && err < 0) return { stdout: message, stderr: '' };
  const stdout = out < 0 ? '' : message.slice(out + 9, err > out ? err : undefined);
  const stderr = err < 0 ? '' : message.slice(err + 9, out > err ? out : undefined);
  return { stdout: stdout.replace(/\n+$/, ''), stderr: stderr.replace(/\n+$/, '') };
}

const MARKER = /^AUTOPILOT-STATUS (\S+) (ok|failed)(?: (.*))?$/;

/**
 * Finds the script's own status marker: the last marker line for `script` in stdout. Undefined
 * when absent (the script did not run to its end, or its output was cut to the last 4 KB before
 * the marker, which the scripts avoid by printing the marker last).
 */
export function findScriptMarker(stdout: string, script: string): ScriptMarker | undefined {
  const lines = stdout.split('\n').map((l) => l.trim()).reverse();
  for (const line of lines) {
    const match = MARKER.exec(line);
    if (match && match[1] === script) return { script, ok: match[2] === 'ok', detail: match[3] ?? '' };
  }
  return undefined;
}
