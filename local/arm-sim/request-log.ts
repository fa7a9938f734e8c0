import { createWriteStream, type WriteStream } from 'node:fs';

/** One line of the request log: what was asked, by whom, and how it was answered (never headers or bodies). */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  apiVersion?: string;
  status: number;
  durationInMs: number;
  code?: string;
  requestId: string;
  /** Client id of the principal whose token the request carried (as Azure's activity log names the caller). */
  caller?: string;
  /**
   * Resource ids the request body references (a NIC's subnet, a VM's NIC): the linked scopes ARM
   * authorizes join actions on. Ids only; nothing else of the body is kept.
   */
  links?: string[];
}

const KEEP_IN_MEMORY = 1000;
/** Lines are written at most this often: one write per batch instead of one per request. */
const FLUSH_EVERY_MS = 100;

/**
 * The request log: the last entries in memory for the admin endpoint, and every entry appended
 * (batched every 100 ms) to a JSON-lines file. Authorization headers, bodies (but the resource
 * ids they reference) and query strings other than api-version are never recorded, so no secret
 * reaches the log.
 */
export class RequestLog {
  private readonly recent: RequestLogEntry[] = [];
  private pending: string[] = [];
  private readonly out: WriteStream;

  constructor(file: string) {
    // One append stream for the log's lifetime; lines of one event-loop turn go out in one write.
    this.out = createWriteStream(file, { flags: 'a' });
    this.out.on('error', () => undefined); // a full disk must not take the simulator down
  }

  record(entry: RequestLogEntry): void {
    this.recent.push(entry);
    if (this.recent.length > KEEP_IN_MEMORY) this.recent.splice(0, this.recent.length - KEEP_IN_MEMORY);
    this.pending.push(JSON.stringify(entry));
    if (this.pending.length === 1) setTimeout(() => this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** The most recent entries, oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.recent];
  }

  /** Hands everything recorded so far to the file. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.out.write(this.pending.join('\n') + '\n');
    this.pending = [];
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
  }
}
