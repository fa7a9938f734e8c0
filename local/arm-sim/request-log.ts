import { appendFile } from 'node:fs/promises';

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
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

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

  /** Resolves once everything recorded so far is on disk. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) {
      const lines = this.pending.join('\n') + '\n';
      this.pending = [];
      this.writing = this.writing.then(() => appendFile(this.file, lines)).catch(() => undefined);
    }
    await this.writing;
  }
}
