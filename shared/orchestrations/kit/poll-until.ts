import type { Task } from 'durable-functions';
import type { ErrorInfo } from '../../errors/ops-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import type { Orchestration, OrchestrationContextLike } from './orchestration-context.js';

/**
 * Asks `probe` until `isDone` holds for its answer, with durable timers `intervalInMs` apart; once
 * `timeoutInMs` has passed, fails with what `onTimeout` makes of the last answer.
 */
export function* pollUntil<T>(context: OrchestrationContextLike, probe: () => Task, isDone: (answer: T) => boolean,
  options: { timeoutInMs: number; intervalInMs: number }, onTimeout: (last: T) => ErrorInfo): Orchestration<Result<T>> {
  const deadline = context.df.currentUtcDateTime.getTime() + options.timeoutInMs;
  for (;;) {
    const answer = (yield probe()) as T;
    if (isDone(answer)) return ok(answer);
    const now = context.df.currentUtcDateTime.getTime();
    if (now >= deadline) return fail(onTimeout(answer));
    yield context.df.createTimer(new Date(Math.min(deadline, now + options.intervalInMs)));
  }
}
