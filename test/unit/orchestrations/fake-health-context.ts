import type { HealthOrchestrationContext } from '../../../shared/orchestrations/check-cluster-health.js';

/** A scheduled call as the fake context records it. */
export interface FakeTask { kind: 'activity' | 'sub' | 'all' | 'any'; name?: string; input?: unknown; instanceId?: string; tasks?: FakeTask[]; isFaulted?: boolean; result?: unknown }

/** Steps an orchestration generator, answering each activity or sub-orchestration with `answer`. */
export function runOrchestration<T>(make: (ctx: HealthOrchestrationContext) => Generator<unknown, T, unknown>, input: unknown,
  answer: (task: FakeTask) => unknown, now = new Date('2026-01-01T00:00:00.000Z')): { result: T; calls: FakeTask[]; statuses: unknown[]; maxInFlight: number } {
  const calls: FakeTask[] = [];
  const statuses: unknown[] = [];
  let maxInFlight = 0;
  const df = {
    currentUtcDateTime: now,
    getInput: () => input,
    setCustomStatus: (s: unknown) => { statuses.push(s); },
    callActivityWithRetry: (name: string, _o: unknown, i: unknown) => record({ kind: 'activity', name, input: i }),
    callSubOrchestratorWithRetry: (name: string, _o: unknown, i: unknown, instanceId: string) => record({ kind: 'sub', name, input: i, instanceId }),
    Task: {
      all: (tasks: FakeTask[]) => { maxInFlight = Math.max(maxInFlight, tasks.length); return { kind: 'all', tasks }; },
      any: (tasks: FakeTask[]) => { maxInFlight = Math.max(maxInFlight, tasks.length); return { kind: 'any', tasks }; },
    },
  };
  function record(task: FakeTask): FakeTask { calls.push(task); return task; }
  const gen = make({ df } as unknown as HealthOrchestrationContext);
  let step = gen.next();
  while (!step.done) {
    const task = step.value as FakeTask;
    if (task.kind === 'all') {
      // Settle every child, then fail the whole like Task.all does if any child failed.
      let failure: unknown;
      for (const t of task.tasks!) {
        try { t.result = answer(t); t.isFaulted = false; } catch (e) { t.result = e; t.isFaulted = true; failure ??= e; }
      }
      step = failure === undefined ? gen.next(task.tasks!.map((t) => t.result)) : gen.throw(failure);
    }
    else if (task.kind === 'any') {
      const first = task.tasks![0]!;
      try { first.result = answer(first); first.isFaulted = false; } catch (e) { first.result = e; first.isFaulted = true; }
      step = gen.next(first);
    } else step = gen.next(answer(task));
  }
  return { result: step.value, calls, statuses, maxInFlight };
}
