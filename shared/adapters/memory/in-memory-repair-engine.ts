import type { RepairBatch } from '../../domain/ports/node-agent-port.js';
import type { KeyspaceInfo, NodeRepairActivity, RepairCommandRow, RingView } from '../../domain/repair/repair-model.js';

interface Command extends RepairCommandRow {
  segmentId: string;
  endsAt: number;
}

interface Runner {
  coordinator: string;
  batch: RepairBatch;
  next: number;
  /** When the runner may start its next segment (after the last one and its rest). */
  readyAt: number;
  stopped: boolean;
}

/**
 * Cassandra's repair as the twins see it: the ring the CQL twin reports, and the batches the
 * node-agent twin starts, each segment a repair command that runs for `durationOf(segment)` on
 * the engine's clock, in order per batch with the intensity's rest between them. Tests make a
 * segment hang (a timeout) or fail with Cassandra's message, take nodes down, and load them.
 * Time only moves when the clock does: reads settle every command due by `now()`.
 */
export class InMemoryRepairEngine {
  private readonly runners = new Map<string, Runner>();
  private readonly commands = new Map<string, Command[]>();
  private readonly hanging = new Set<string>();
  private readonly failing = new Map<string, { message: string; times: number }>();
  private readonly down = new Set<string>();
  private readonly pending = new Map<string, number>();
  private ids = 0;

  constructor(private readonly ring: RingView, private readonly now: () => number = Date.now,
    private readonly durationOf: (segmentId: string) => number = () => 1_000) {}

  readRing(): RingView {
    return { nodes: this.ring.nodes.map((n) => ({ ...n, tokens: [...n.tokens] })),
      keyspaces: this.ring.keyspaces.map((k): KeyspaceInfo => ({ ...k, replication: { ...k.replication }, tables: k.tables.map((t) => ({ ...t })) })) };
  }

  /** The batch's runner starts now; 'already-started' when a runner for the batch exists (running or done). */
  startBatch(coordinator: string, batch: RepairBatch): 'started' | 'already-started' {
    if (this.runners.has(batch.batchId)) return 'already-started';
    this.runners.set(batch.batchId, { coordinator, batch, next: 0, readyAt: this.now(), stopped: false });
    return 'started';
  }

  /** Stops the run's runners on the node and fails the commands it coordinates that are still running. */
  stop(coordinator: string, runId: string): number {
    this.settle();
    let stopped = 0;
    for (const runner of this.runners.values()) {
      if (runner.coordinator !== coordinator || runner.batch.runId !== runId || runner.stopped) continue;
      runner.stopped = true;
      stopped++;
    }
    for (const command of this.commands.get(coordinator) ?? []) {
      if (command.completed) continue;
      Object.assign(command, { completed: true, status: 'failure', failureCause: 'Repair terminated by operator', endsAt: this.now() });
    }
    return stopped;
  }

  activity(address: string): NodeRepairActivity {
    this.settle();
    if (this.down.has(address)) return { address, reachable: false, repairs: [], pendingCompactions: 0, error: 'node is down' };
    const repairs = (this.commands.get(address) ?? []).map(({ segmentId: _s, endsAt: _e, ...row }) => ({ ...row, ranges: [...row.ranges] }));
    return { address, reachable: true, repairs, pendingCompactions: this.pending.get(address) ?? 0 };
  }

  isDown(address: string): boolean {
    return this.down.has(address);
  }

  /** A node down stops answering, and its runners' next segments fail to connect. */
  setDown(address: string, down: boolean): void {
    this.settle();
    if (down) this.down.add(address); else this.down.delete(address);
  }

  setPendingCompactions(address: string, pending: number): void {
    this.pending.set(address, pending);
  }

  /** The segment's next command never finishes (until stopped). */
  hang(segmentId: string): void {
    this.hanging.add(segmentId);
  }

  /** The segment's next `times` commands fail with Cassandra's `message`. */
  fail(segmentId: string, message: string, times = Number.POSITIVE_INFINITY): void {
    this.failing.set(segmentId, { message, times });
  }

  /** How many commands the segment has had on any node: a finished segment repaired again would show here. */
  commandsFor(segmentId: string): number {
    this.settle();
    return [...this.commands.values()].flat().filter((c) => c.segmentId === segmentId).length;
  }

  /** Finishes every command due by now and starts the runners' next segments, in time order. */
  private settle(): void {
    const now = this.now();
    for (let progressed = true; progressed;) {
      progressed = false;
      for (const runner of this.runners.values()) progressed = this.advance(runner, now) || progressed;
    }
  }

  private advance(runner: Runner, now: number): boolean {
    const commands = this.commands.get(runner.coordinator) ?? [];
    const current = commands.findLast((c) => c.id.startsWith(`${runner.batch.batchId}/`));
    if (current && !current.completed) {
      if (current.endsAt > now) return false;
      const failure = this.failing.get(current.segmentId);
      const failed = failure !== undefined && failure.times > 0;
      if (failed) failure.times--;
      Object.assign(current, { completed: true, status: failed ? 'failure' : 'success', durationMs: current.endsAt - Date.parse(current.startedAt),
        ...(failed ? { failureCause: failure.message } : {}) });
      const rest = (current.durationMs ?? 0) * (1 - runner.batch.intensity) / runner.batch.intensity;
      runner.readyAt = current.endsAt + rest;
      return true;
    }
    if (runner.stopped || runner.next >= runner.batch.segments.length || runner.readyAt > now) return false;
    const segment = runner.batch.segments[runner.next++]!;
    // nodetool cannot reach a node that is down: the segment leaves no command behind.
    if (this.down.has(runner.coordinator)) return true;
    const startsAt = runner.readyAt;
    const hangs = this.hanging.delete(segment.id);
    this.commands.set(runner.coordinator, [...commands, {
      id: `${runner.batch.batchId}/${++this.ids}`, segmentId: segment.id, keyspace: segment.keyspace,
      ranges: [`(${segment.start},${segment.end}]`], tables: [...segment.tables].sort(), completed: false,
      status: 'running', startedAt: new Date(startsAt).toISOString(),
      endsAt: hangs ? Number.POSITIVE_INFINITY : startsAt + this.durationOf(segment.id),
    }]);
    return true;
  }
}
