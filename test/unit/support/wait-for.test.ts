import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../support/wait-for.js';

describe('waitFor', () => {
  it('returns the first value that is not undefined, falsy ones included', async () => {
    let calls = 0;
    const value = await waitFor('the third call', 1_000, async () => (++calls === 3 ? 0 : undefined), { intervalInMs: 1 });
    assert.equal(value, 0);
    assert.equal(calls, 3);
  });

  it('polls again after the probe throws', async () => {
    let calls = 0;
    const value = await waitFor('a probe that recovers', 1_000, async () => {
      if (++calls < 3) throw new Error('not yet');
      return 'ready';
    }, { intervalInMs: 1 });
    assert.equal(value, 'ready');
  });

  it('names what it waited for, the timeout and the last error at the deadline', async () => {
    let calls = 0;
    await assert.rejects(waitFor('the moon', 30, async () => { throw new Error(`seen ${++calls}`); }, { intervalInMs: 5 }),
      (error: Error) => {
        assert.match(error.message, /^timed out after 30 ms waiting for the moon; the last probe threw seen \d+$/);
        assert.ok(error.message.endsWith(`seen ${calls}`), error.message);
        return true;
      });
  });

  it('says so when every probe returned undefined', async () => {
    await assert.rejects(waitFor('nothing', 10, async () => undefined, { intervalInMs: 5 }),
      /^Error: timed out after 10 ms waiting for nothing; the last probe returned undefined$/);
  });
});
