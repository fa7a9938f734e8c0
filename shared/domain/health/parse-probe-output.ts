import { PROBE_MARKER } from './render-probe-script.js';
import { parseDf } from './parse-df.js';
import type { NodeProbe } from './health-views.js';

const HEADER = /^### probe (\S+)(?: rc=(\d+))?/;

/**
 * Turns the output of the probe script (renderProbeScript) into the VM's disk view. A `df` that
 * is missing or exited non-zero leaves `disk` undefined and is named in `error`; without the
 * closing `### probe end` the probe is not ok.
 */
export function parseProbeOutput(node: string, observedAt: string, output: string): NodeProbe {
  const sections = splitSections(output);
  const probe: NodeProbe = { node, observedAt, ok: sections.has('end') };
  const problems: string[] = [];
  const df = sections.get('df');
  if (!df) problems.push('df: missing from output');
  else if (df.rc !== 0) problems.push(`df: exit ${df.rc}: ${df.body.trim().split('\n').pop() ?? ''}`);
  else probe.disk = parseDf(df.body);
  if (!probe.ok) problems.push('output incomplete: no end marker');
  if (problems.length > 0) probe.error = problems.join('; ');
  return probe;
}

function splitSections(output: string): Map<string, { rc: number; body: string }> {
  const sections = new Map<string, { rc: number; body: string }>();
  let current: { rc: number; body: string } | undefined;
  for (const line of output.split(/\r?\n/)) {
    const header = line.startsWith(`${PROBE_MARKER} `) ? HEADER.exec(line) : null;
    if (header) {
      current = { rc: Number(header[2] ?? 0), body: '' };
      sections.set(header[1]!, current);
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return sections;
}
