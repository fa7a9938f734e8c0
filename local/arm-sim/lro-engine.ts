import { randomUUID } from 'node:crypto';
import { ArmError } from './arm-error.js';

/** Azure's async-operation statuses, as the status endpoint reports them. */
export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** One long-running operation: what the `Azure-AsyncOperation` and `Location` URLs report. */
export interface Operation {
  id: string;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  /** What the `Location` URL returns once the operation succeeded (e.g. a RunCommandResult). */
  result?: unknown;
  outputInStatus: boolean;
  /** When the work is due to start (epoch ms); drives poll `Retry-After` hints. */
  dueMs: number;
  /** What the operation acts on and how: the admin endpoint's account of where a run's time went. */
  target: OperationTarget;
  /** The duration the latency profile drew for it. */
  delayInMs: number;
  done: Promise<void>;
}

/** The resource a long-running operation acts on, and the request that started it. */
export interface OperationTarget {
  /** The resource id as requested (a resource group's own id for a group delete). */
  resourceId: string;
  /** `PUT`, `DELETE`, or the action's name (`start`, `runCommand`, ...). */
  verb: string;
}

/** One operation as `GET /_admin/operations` lists it. */
export interface OperationSummary extends OperationTarget {
  id: string;
  status: OperationStatus;
  startTime: string;
  delayInMs: number;
  endTime?: string;
}

/** What a long-running operation needs to start. */
export interface StartOperationOptions {
  subscriptionId: string;
  /** Resource provider namespace, e.g. `Microsoft.Compute`; part of the status URLs. */
  namespace: string;
  location: string;
  /** How long the operation takes before its work runs (the latency profile's answer). */
  delayInMs: number;
  target: OperationTarget;
  /** The side effect; its return value becomes the Location result. A throw fails the operation. */
  work: () => Promise<unknown>;
  /** Show the result in the status body as `properties.output` (Compute does this for Run Command). */
  outputInStatus?: boolean;
}

/** The headers that hand an operation to the SDK's poller. */
export interface OperationHeaders {
  'azure-asyncoperation': string;
  location: string;
}

/**
 * Runs long-running operations and answers their status URLs the way ARM does.
 *
 * Invariant: the work runs exactly once, after `delayInMs`; the status moves InProgress →
 * Succeeded | Failed and never back. Operations live in memory: an operation in flight when
 * the simulator stops is gone after a restart (its status URL answers 404, as for an unknown id).
 */
export class LroEngine {
  private readonly operations = new Map<string, Operation>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly baseUrl: () => string) {}

  /** Starts an operation and returns it with the polling headers to send. */
  start(options: StartOperationOptions): { operation: Operation; headers: OperationHeaders } {
    const id = randomUUID();
    let settle!: () => void;
    const operation: Operation = { id, status: 'InProgress', startTime: new Date().toISOString(), dueMs: Date.now() + options.delayInMs,
      target: options.target, delayInMs: options.delayInMs, outputInStatus: options.outputInStatus ?? false, done: new Promise((r) => { settle = r; }) };
    this.operations.set(id, operation);
    const run = async (): Promise<void> => {
      try {
        operation.result = (await options.work()) ?? {};
        operation.status = 'Succeeded';
      } catch (error) {
        operation.status = 'Failed';
        operation.error = error instanceof ArmError
          ? { code: error.code, message: error.message }
          : { code: 'InternalExecutionError', message: error instanceof Error ? error.message : String(error) };
      }
      operation.endTime = new Date().toISOString();
      settle();
    };
    this.prune();
    if (options.delayInMs > 0) {
      const timer = setTimeout(() => { this.timers.delete(timer); void run(); }, options.delayInMs);
      this.timers.add(timer);
    } else {
      setImmediate(run);
    }
    const base = `${this.baseUrl()}/subscriptions/${options.subscriptionId}/providers/${options.namespace}/locations/${options.location}`;
    return {
      operation,
      headers: {
        'azure-asyncoperation': `${base}/operations/${id}?api-version=2025-01-01`,
        location: `${base}/operationResults/${id}?api-version=2025-01-01&monitor=true`,
      },
    };
  }

  /** Cancels operations still waiting to run (the simulator is stopping). */
  stop(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }

  /** Forgets finished operations after an hour, as their status URLs need not live forever. */
  private prune(): void {
    if (this.operations.size < 10_000) return;
    const cutoff = Date.now() - 3_600_000;
    for (const [id, op] of this.operations) {
      if (op.endTime && Date.parse(op.endTime) < cutoff) this.operations.delete(id);
    }
  }

  /** Every operation still remembered, oldest first. */
  list(): OperationSummary[] {
    return [...this.operations.values()].map((op) => ({ id: op.id, ...op.target, status: op.status, startTime: op.startTime,
      delayInMs: op.delayInMs, ...(op.endTime ? { endTime: op.endTime } : {}) }));
  }

  get(id: string): Operation | undefined {
    return this.operations.get(id.toLowerCase());
  }

  /** Waits up to `waitInMs` for an operation to finish, so instant-profile polls answer the outcome. */
  async settle(operation: Operation, waitInMs: number): Promise<void> {
    if (operation.status !== 'InProgress' || waitInMs <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([operation.done, new Promise<void>((r) => { timer = setTimeout(r, waitInMs); })]);
    clearTimeout(timer);
  }

  /** The body of the `Azure-AsyncOperation` status URL. */
  statusBody(operation: Operation): Record<string, unknown> {
    return {
      name: operation.id,
      status: operation.status,
      startTime: operation.startTime,
      ...(operation.endTime ? { endTime: operation.endTime } : {}),
      ...(operation.error ? { error: { ...operation.error, details: [] } } : {}),
      ...(operation.outputInStatus && operation.status === 'Succeeded' ? { properties: { output: operation.result } } : {}),
    };
  }
}
