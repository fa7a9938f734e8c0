import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Task } from 'durable-functions';
import { EMPTY_COMPOUND_MESSAGE, FakeOrchestrationRunner } from '../../support/fake-orchestration-context.js';
import type { Orchestration, OrchestrationContextLike } from '../../../shared/orchestrations/kit/orchestration-context.js';
import { retryOptions } from '../../../shared/orchestrations/kit/call-activity.js';

/** Fans out three activities, and after a failure reports what each sibling ended as. */
function* fanOut(context: OrchestrationContextLike): Orchestration<string[]> {
  const tasks: Task[] = ['a', 'b', 'c'].map((name) => context.df.callActivityWithRetry(name, retryOptions('bookkeeping'), undefined));
  try {
    yield context.df.Task.all(tasks);
    return ['no failure'];
  } catch (error) {
    const siblings = tasks.map((t) => `${t.isCompleted}:${t.isFaulted}:${t.isFaulted ? (t.result as Error).message : String(t.result)}`);
    return [(error as Error).message, ...siblings];
  }
}

/** Waits on two timers and reports the clock after each. */
function* waitTwice(context: OrchestrationContextLike): Orchestration<string[]> {
  const seen = [context.df.currentUtcDateTime.toISOString()];
  for (const minutes of [5, 30]) {
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + minutes * 60_000));
    seen.push(context.df.currentUtcDateTime.toISOString());
  }
  return seen;
}

describe('FakeOrchestrationRunner', () => {
  it('Task.all throws its first failure once every child has completed and been marked', () => {
    const runner = new FakeOrchestrationRunner({}, (call) => {
      if (call.name === 'a') throw new Error('a failed');
      return call.name === 'b' ? { throws: new Error('b failed') } : 'c done';
    });
    assert.deepEqual(runner.run(fanOut, undefined), ['a failed', 'true:true:a failed', 'true:true:b failed', 'true:false:c done']);
    assert.deepEqual(runner.names(), ['a', 'b', 'c']);
  });

  for (const mode of ['all', 'any'] as const) {
    it(`Task.${mode} of an empty list throws where it is called, with durable-functions' own message`, () => {
      function* empty(context: OrchestrationContextLike): Orchestration<string> {
        try {
          yield context.df.Task[mode]([]);
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        }
      }
      assert.equal(new FakeOrchestrationRunner({}, () => undefined).run(empty, undefined), EMPTY_COMPOUND_MESSAGE);
    });
  }

  it('refuses an empty list as the real durable-functions context does', () => {
    // The library's own context class, built bare: its Task.all and Task.any are the code the fake stands in for.
    const { DurableOrchestrationContext } = createRequire(import.meta.url)('durable-functions/lib/src/orchestrations/DurableOrchestrationContext.js') as
      { DurableOrchestrationContext: new (...args: unknown[]) => OrchestrationContextLike['df'] };
    const real = new DurableOrchestrationContext([], 'op-1', new Date(), false);
    assert.throws(() => real.Task.all([]), { message: EMPTY_COMPOUND_MESSAGE });
    assert.throws(() => real.Task.any([]), { message: EMPTY_COMPOUND_MESSAGE });
  });

  it('a timer moves the clock to its fire time', () => {
    const runner = new FakeOrchestrationRunner({}, () => undefined, new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(runner.run(waitTwice, undefined), ['2026-01-01T00:00:00.000Z', '2026-01-01T00:05:00.000Z', '2026-01-01T00:35:00.000Z']);
    assert.equal(runner.now.toISOString(), '2026-01-01T00:35:00.000Z');
  });
});
