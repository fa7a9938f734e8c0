import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { allocateJmxPort } from '../../../../local/cassandra/allocate-jmx-port.js';

test('skips ports this driver holds and ports something already listens on, and wraps around the range', async () => {
  const first = await allocateJmxPort(new Set(), 500);
  assert.ok(first >= 17699 && first <= 17999, `${first}`);
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(first, '127.0.0.1', resolve));
  try {
    const next = await allocateJmxPort(new Set([first + 1]), first - 17199);
    assert.ok(next !== first && next !== first + 1, `${next}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const wrapped = await allocateJmxPort(new Set([17999]), 800);
  assert.ok(wrapped >= 17199 && wrapped < 17999, `${wrapped}`);
});
