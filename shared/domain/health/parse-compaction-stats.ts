/**
 * Reads the pending compaction task count from `nodetool compactionstats`. Cassandra 4.x
 * prints `pending tasks: 12`; 5.0 prints a table whose row is `pending tasks   12` (later
 * versions name it `pending compaction tasks`). Returns
 * undefined when neither form is present (e.g. nodetool failed).
 */
export function parsePendingCompactions(text: string): number | undefined {
  const match = /^\s*pending (?:compaction )?tasks\s*:?\s*(\d+)\s*$/im.exec(text);
  return match ? Number(match[1]) : undefined;
}
