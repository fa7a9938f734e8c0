import { createWriteStream, type WriteStream } from 'node:fs';

/** One line of the request log: what was asked and how it was answered (never headers or bodies). */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  apiVersion?: string;
  status: number;
  durationInMs: number;
  code?: string;
  requestId: string;
}

const KEEP_IN_MEMORY = 1000;

/**
 * The request log: the last entries in memory for the admin endpoint, and every entry appended
 * (batched per event-loop turn) to a JSON-lines file. Authorization headers, bodies and query
 * strings other than api-version are never recorded, so no secret reaches the log.
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
    if (this.pending.length === 1) setImmediate(() => this.flush());
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
