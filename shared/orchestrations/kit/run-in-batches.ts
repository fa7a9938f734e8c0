import type { Task } from 'durable-functions';
import type { Orchestration, OrchestrationContextLike } from './orchestration-context.js';

/** How runInBatches reports progress and copes with a batch that failed. */
export interface RunInBatchesOptions<T> {
  /**
   * Called when a batch's Task.all threw (its first failure): every task of the batch has
   * settled by then, so this maps each one, `start` its index in the whole list, to a result.
   * Without it the failure is rethrown.
   */
  settle?: (tasks: Task[], start: number) => T[];
  /** Called after each batch with how many results there are so far. */
  afterBatch?: (done: number) => void;
}

/**
 * Runs tasks `limit` at a time, batch after batch, with Task.all. (A sliding window that yields
 * the same pending tasks again in successive Task.any calls stalled on the local host: it
 * scheduled those tasks a second time. Batches are the pattern every Durable backend replays.)
 */
export function* runInBatches<T>(context: OrchestrationContextLike, starts: (() => Task)[], limit: number,
  options: RunInBatchesOptions<T> = {}): Orchestration<T[]> {
  const results: T[] = [];
  const size = Math.max(1, limit);
  for (let from = 0; from < starts.length; from += size) {
    const batch = starts.slice(from, from + size).map((start) => start());
    try {
      results.push(...((yield context.df.Task.all(batch)) as T[]));
    } catch (error) {
      if (!options.settle) throw error;
      results.push(...options.settle(batch, from));
    }
    options.afterBatch?.(results.length);
  }
  return results;
}
