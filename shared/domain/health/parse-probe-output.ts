import { PROBE_MARKER } from './render-probe-script.js';
import { parseNodetoolStatus } from './parse-nodetool-status.js';
import { parseNodetoolInfo } from './parse-nodetool-info.js';
import { parsePendingCompactions } from './parse-compaction-stats.js';
import { parseTpstatsDropped, sumDroppedMutations } from './parse-tpstats-dropped.js';
import { parseDf } from './parse-df.js';
import type { NodeProbe } from './health-views.js';

interface Section { rc: number; body: string }

/**
 * Turns the output of the probe script (renderProbeScript) into the node's view. A section
 * that is missing (cut from the head by the 4 KB limit) or exited non-zero leaves its fields
 * undefined and is named in `error`; without the closing `### probe end` the probe is not ok.
 */
export function parseProbeOutput(node: string, observedAt: string, output: string): NodeProbe {
  const sections = splitSections(output);
  const probe: NodeProbe = { node, observedAt, ok: sections.has('end') };
  const problems: string[] = [];
  const take = (name: string): string | undefined => {
    const section = sections.get(name);
    if (!section) { problems.push(`${name}: missing from output`); return undefined; }
    if (section.rc !== 0) { problems.push(`${name}: exit ${section.rc}: ${section.body.trim().split('\n').pop() ?? ''}`); return undefined; }
    return section.body;
  };
  const status = take('status');
  if (status !== undefined) probe.status = parseNodetoolStatus(status);
  const tpstats = take('tpstats');
  if (tpstats !== undefined) probe.droppedMutations = sumDroppedMutations(parseTpstatsDropped(tpstats));
  const compaction = take('compactionstats');
  if (compaction !== undefined) probe.pendingCompactions = parsePendingCompactions(compaction);
  const info = take('info');
  if (info !== undefined) probe.info = parseNodetoolInfo(info);
  const df = take('df');
  if (df !== undefined) probe.disk = parseDf(df);
  if (!probe.ok) problems.push('output incomplete: no end marker');
  if (problems.length > 0) probe.error = problems.join('; ');
  return probe;
}

function splitSections(output: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (line.startsWith(`${PROBE_MARKER} `)) {
      const header = /^### probe (\S+)(?: rc=(\d+))?/.exec(line);
      if (header) {
        current = { rc: Number(header[2] ?? 0), body: '' };
        sections.set(header[1]!, current);
        continue;
      }
    }
    if (current) current.body += `${line}\n`;
  }
  return sections;
}
