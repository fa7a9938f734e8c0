import type { RingView } from './repair-model.js';

/** What a run asks to repair: keyspaces, and `keyspace.table` names. */
export interface RepairRequest {
  keyspaces?: string[];
  tables?: string[];
}

/**
 * The request with tables whose `gc_grace_seconds` is 0 left out: their tombstones are purged at
 * the first compaction, so repair cannot keep deleted data deleted and only costs streaming (the
 * ledger reports them instead). A keyspace with such a table lists its other tables by name; a
 * keyspace with no other table is left out.
 */
export function leaveOutZeroGrace(ring: RingView, request: RepairRequest): RepairRequest {
  const asked = request.tables ? new Set(request.tables) : undefined;
  const keyspaces = ring.keyspaces.filter((k) => !request.keyspaces || request.keyspaces.includes(k.name));
  const affected = keyspaces.filter((k) => k.tables.some((t) => t.gcGraceSeconds === 0));
  if (affected.length === 0) return request;
  const named = (k: RingView['keyspaces'][number]) => {
    const mine = asked ? [...asked].filter((n) => n.startsWith(`${k.name}.`)) : [];
    return mine.length > 0 ? mine : k.tables.map((t) => `${k.name}.${t.table}`);
  };
  const zero = new Set(affected.flatMap((k) => k.tables.filter((t) => t.gcGraceSeconds === 0).map((t) => `${k.name}.${t.table}`)));
  const tables = new Set([...(asked ?? []), ...affected.flatMap(named)].filter((n) => !zero.has(n)));
  const kept = keyspaces.filter((k) => !affected.includes(k) || [...tables].some((n) => n.startsWith(`${k.name}.`))).map((k) => k.name);
  return { keyspaces: kept, tables: [...tables].sort() };
}
