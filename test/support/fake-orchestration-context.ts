import type { Task } from 'durable-functions';
import type { Orchestration, OrchestrationContextLike } from '../../shared/orchestrations/kit/orchestration-context.js';

/** One thing an orchestration scheduled, in the order it was scheduled. */
export interface Scheduled {
  kind: 'activity' | 'sub' | 'timer' | 'event' | 'continueAsNew';
  name: string;
  input: unknown;
  instanceId?: string;
  fireAt?: Date;
  maxAttempts?: number;
  /** Depth of the sub-orchestration that scheduled it (0 = the orchestration under test). */
  depth: number;
}

/** What the test answers a scheduled activity with: a value, or `{ throws }` for a fault; for an external event, its data or NO_EVENT_YET. */
export type Responder = (call: Scheduled) => unknown;

/** A responder's answer for an external event not raised yet: a Task.any goes on to its next task (a timer, say). */
export const NO_EVENT_YET = Symbol('no event yet');

interface FakeTask extends Task {
  call?: Scheduled;
  children?: FakeTask[];
  mode?: 'all' | 'any';
}

type OrchestrationFn = (context: OrchestrationContextLike) => Orchestration<unknown>;

/** durable-functions v3's own words when Task.all or Task.any is given no task. */
export const EMPTY_COMPOUND_MESSAGE = 'When constructing a CompoundTask (such as Task.all() or Task.any()), you must specify at least one Task.';

/** A Task.all or Task.any; as in durable-functions v3, an empty list throws where it is called, not where it is yielded. */
function compound(tasks: FakeTask[], mode: 'all' | 'any'): FakeTask {
  if (tasks.length === 0) throw new Error(EMPTY_COMPOUND_MESSAGE);
  return { isCompleted: false, isFaulted: false, children: tasks, mode };
}

/**
 * Steps an orchestration generator the way Durable would, without a host: activities are
 * answered by `respond`, sub-orchestrations run their real generator (found in `registry`) under
 * the same fake, timers fire at once by moving the clock to their fire time, and an
 * orchestration that continues as new runs again with its new input (its caller sees only the
 * last execution's result, as in Durable). Every scheduled
 * call is recorded in `log` in order, so tests assert what ran, in what order, with what input.
 * As in Durable, a Task.all settles every child (isCompleted, isFaulted, result) before it
 * throws its first failure, so code that reads the siblings after a failure can be tested; and
 * Task.all or Task.any of an empty list throws.
 */
export class FakeOrchestrationRunner {
  readonly log: Scheduled[] = [];
  readonly customStatus: unknown[] = [];
  /** The calls of each Task.all, in order (how work was batched). */
  readonly batches: Scheduled[][] = [];
  now: Date;

  constructor(private readonly registry: Record<string, OrchestrationFn>, private readonly respond: Responder, start = new Date('2026-01-01T00:00:00Z')) {
    this.now = start;
  }

  run(fn: OrchestrationFn, input: unknown, instanceId = 'op-1', depth = 0): unknown {
    for (let current = input; ;) {
      let continued: { input: unknown } | undefined;
      const gen = fn(this.context(current, instanceId, depth, (next) => { continued = { input: next }; }));
      let next = gen.next();
      while (!next.done) {
        let value: unknown;
        try {
          value = this.resolve(next.value as FakeTask);
        } catch (error) {
          next = gen.throw(error);
          continue;
        }
        next = gen.next(value);
      }
      if (!continued) return next.value;
      this.log.push({ kind: 'continueAsNew', name: 'continueAsNew', input: continued.input, instanceId, depth });
      current = continued.input;
    }
  }

  /** The names of scheduled activities (and sub-orchestrations), in order. */
  names(kind: Scheduled['kind'] = 'activity'): string[] {
    return this.log.filter((c) => c.kind === kind).map((c) => c.name);
  }

  private context(input: unknown, instanceId: string, depth: number, continueAsNew: (input: unknown) => void): OrchestrationContextLike {
    const make = (call: Omit<Scheduled, 'depth'>): FakeTask => ({ isCompleted: false, isFaulted: false, call: { ...call, depth }, cancel: () => undefined } as FakeTask);
    const clock = () => this.now;
    const statuses = this.customStatus;
    const df = {
      instanceId,
      get currentUtcDateTime() { return clock(); },
      getInput: () => input,
      setCustomStatus: (s: unknown) => { statuses.push(s); },
      callActivityWithRetry: (name: string, retry: { maxNumberOfAttempts: number }, i: unknown) =>
        make({ kind: 'activity', name, input: i, maxAttempts: retry.maxNumberOfAttempts }),
      callSubOrchestratorWithRetry: (name: string, retry: { maxNumberOfAttempts: number }, i: unknown, id: string) =>
        make({ kind: 'sub', name, input: i, instanceId: id, maxAttempts: retry.maxNumberOfAttempts }),
      createTimer: (fireAt: Date) => make({ kind: 'timer', name: 'timer', input: undefined, fireAt }),
      waitForExternalEvent: (name: string) => make({ kind: 'event', name, input: undefined }),
      continueAsNew,
      Task: { all: (tasks: FakeTask[]) => compound(tasks, 'all'), any: (tasks: FakeTask[]) => compound(tasks, 'any') },
    };
    return { df } as unknown as OrchestrationContextLike;
  }

  private resolve(task: FakeTask): unknown {
    const children = task.children ?? [];
    if (task.mode === 'all') {
      this.batches.push(children.map((child) => child.call as Scheduled));
      children.forEach((child) => this.settle(child));
      const failed = children.find((child) => child.isFaulted);
      if (failed) throw failed.result;
      return children.map((child) => child.result);
    }
    if (task.mode === 'any') {
      // The first child that completes wins: an event the responder has not raised yet waits.
      for (const child of children) {
        if (!child.isCompleted && child.call?.kind === 'event' && this.respond(child.call) === NO_EVENT_YET) continue;
        this.settle(child);
        return child;
      }
      throw new Error('Task.any: no task could complete (every event is NO_EVENT_YET and no timer races them)');
    }
    return this.complete(task);
  }

  /** Completes a task without throwing: a failure is kept on the task, as Durable marks it. */
  private settle(task: FakeTask, work: () => unknown = () => this.resolve(task)): void {
    try {
      task.result = work();
    } catch (error) {
      task.isFaulted = true;
      task.result = error;
    }
    task.isCompleted = true;
  }

  /** Answers a scheduled call once (a task yielded again replays its outcome). */
  private complete(task: FakeTask): unknown {
    const call = task.call as Scheduled;
    if (!task.isCompleted) {
      this.log.push(call);
      this.settle(task, () => this.answer(call));
    }
    if (task.isFaulted) throw task.result;
    return task.result;
  }

  private answer(call: Scheduled): unknown {
    if (call.kind === 'timer') {
      this.now = call.fireAt as Date;
      return undefined;
    }
    if (call.kind === 'sub') {
      const fn = this.registry[call.name];
      if (!fn) throw new Error(`no orchestration registered as ${call.name}`);
      return this.run(fn, call.input, call.instanceId, call.depth + 1);
    }
    const answer = this.respond(call) as { throws?: Error } | undefined;
    if (answer && typeof answer === 'object' && 'throws' in answer && answer.throws) throw answer.throws;
    return answer;
  }
}
