import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** The JSON body of an ARM resource as the simulator stores and serves it. */
export interface ArmBody {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  zones?: string[];
  sku?: Record<string, unknown>;
  etag?: string;
  properties: Record<string, unknown>;
  [extra: string]: unknown;
}

/** A stored resource: the body ARM shows, plus what only the simulator sees (`hidden`). */
export interface StoredResource {
  body: ArmBody;
  /** Write-only inputs ARM never returns (e.g. customData), and simulator bookkeeping. */
  hidden: Record<string, unknown>;
}

type JournalEntry = { op: 'put'; key: string; value: StoredResource } | { op: 'delete'; key: string };

const SNAPSHOT = 'resources.json';
const JOURNAL = 'resources.journal';
/** Compact once the journal holds this many entries, so a restart replays little. */
const COMPACT_AFTER = 5000;

/**
 * Every resource the simulator holds, keyed by lower-cased id (ARM ids are case-insensitive).
 *
 * Persistence is a snapshot plus an append-only journal: each mutation appends one JSON line,
 * and the mutations of one event-loop turn go out in one append (group commit), so a busy
 * simulator does not rewrite its whole state per request. The snapshot is replaced atomically
 * (write a temporary file, then rename); a torn last journal line after a crash is ignored.
 */
export class ResourceStore {
  private readonly items = new Map<string, StoredResource>();
  private pending: JournalEntry[] = [];
  private flushing: Promise<void> | undefined;
  private journalEntries = 0;

  private constructor(private readonly dir: string, private readonly journal: FileHandle) {}

  /** Loads the snapshot and journal in `dir` (creating it), then compacts them into a fresh snapshot. */
  static async open(dir: string): Promise<ResourceStore> {
    await mkdir(dir, { recursive: true });
    // One handle for the store's lifetime: opening the journal per append cost more than the write.
    const store = new ResourceStore(dir, await open(join(dir, JOURNAL), 'a+'));
    const snapshot = await readFile(join(dir, SNAPSHOT), 'utf8').catch(() => '{}');
    for (const [key, value] of Object.entries(JSON.parse(snapshot) as Record<string, StoredResource>)) store.items.set(key, value);
    const journal = await readFile(join(dir, JOURNAL), 'utf8').catch(() => '');
    for (const line of journal.split('\n')) store.replay(line);
    await store.compact();
    return store;
  }

  private replay(line: string): void {
    if (!line.trim()) return;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      return; // a torn final line from a crash mid-append: the mutation never completed
    }
    if (entry.op === 'put') this.items.set(entry.key, entry.value);
    else this.items.delete(entry.key);
  }

  get(id: string): StoredResource | undefined {
    return this.items.get(id.toLowerCase());
  }

  /** Stores (or replaces) a resource; durable once `commit()` resolves. */
  put(resource: StoredResource): void {
    const key = resource.body.id.toLowerCase();
    this.items.set(key, resource);
    this.pending.push({ op: 'put', key, value: resource });
  }

  delete(id: string): void {
    const key = id.toLowerCase();
    if (!this.items.delete(key)) return;
    this.pending.push({ op: 'delete', key });
  }

  /** Resources whose id starts with `prefix` (case-insensitive) and, if given, have `type`. */
  list(prefix: string, type?: string): StoredResource[] {
    const p = prefix.toLowerCase();
    const t = type?.toLowerCase();
    const out: StoredResource[] = [];
    for (const [key, value] of this.items) {
      if (key.startsWith(p) && (!t || value.body.type.toLowerCase() === t)) out.push(value);
    }
    return out;
  }

  all(): StoredResource[] {
    return [...this.items.values()];
  }

  /** Writes every mutation made so far to the journal; concurrent callers share one append. */
  async commit(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.journal.appendFile(batch.map((e) => JSON.stringify(e)).join('\n') + '\n')
      .finally(() => { this.flushing = undefined; });
    await this.flushing;
    this.journalEntries += batch.length;
    if (this.journalEntries >= COMPACT_AFTER) await this.compact();
  }

  /** Replaces the snapshot with the current state atomically and empties the journal. */
  async compact(): Promise<void> {
    while (this.flushing) await this.flushing;
    // Holding `flushing` keeps commits from appending between the snapshot and the truncation.
    this.flushing = this.writeSnapshot().finally(() => { this.flushing = undefined; });
    await this.flushing;
  }

  private async writeSnapshot(): Promise<void> {
    const text = JSON.stringify(Object.fromEntries(this.items));
    this.pending = [];
    const tmp = join(this.dir, `${SNAPSHOT}.tmp`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, SNAPSHOT));
    await this.journal.truncate(0);
    this.journalEntries = 0;
  }

  /** Compacts and releases the journal; the store is unusable afterwards. */
  async close(): Promise<void> {
    await this.compact();
    await this.journal.close();
  }
}
