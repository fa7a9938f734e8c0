/**
 * Reads the dropped-message table of `nodetool tpstats` (the rows under `Message type
 * Dropped`) into counts by message type, e.g. `{ MUTATION_REQ: 3, READ_REQ: 0 }`. The counts
 * are cumulative since the node started.
 */
export function parseTpstatsDropped(text: string): Record<string, number> {
  const dropped: Record<string, number> = {};
  let inTable = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*Message type\s+Dropped\b/.test(line)) { inTable = true; continue; }
    if (!inTable) continue;
    const row = /^\s*([A-Z][A-Z0-9_]*)\s+(\d+)\b/.exec(line);
    if (row) dropped[row[1]!] = Number(row[2]);
  }
  return dropped;
}

/**
 * Sums the mutation-carrying message types (MUTATION_REQ, COUNTER_MUTATION_REQ, HINT_REQ in
 * 4.0+; MUTATION, COUNTER_MUTATION, HINT before): a dropped one is a write a replica missed.
 */
export function sumDroppedMutations(dropped: Record<string, number>): number {
  let total = 0;
  for (const [type, count] of Object.entries(dropped)) {
    if (/^(COUNTER_)?MUTATION(_REQ)?$|^HINT(_REQ)?$/.test(type)) total += count;
  }
  return total;
}
