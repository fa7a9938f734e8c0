import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Socket, type Server } from 'node:net';
import { Worker } from 'node:worker_threads';
import { knockNativePorts } from '../../../shared/adapters/cql/knock-native-ports.js';

// A listener on 127.0.0.1 only: the same port on 127.0.0.2 (also loopback) refuses at once.
let server: Server;
let port: number;
before(async () => {
  server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Whether a connect to the port completes within `timeoutInMs`; the socket is left open, as a filler would be. */
function connects(to: number, timeoutInMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const timer = setTimeout(() => { socket.destroy(); resolve(false); }, timeoutInMs);
    socket.on('error', () => { clearTimeout(timer); resolve(false); });
    socket.once('connect', () => { clearTimeout(timer); resolve(true); });
    socket.connect(to, '127.0.0.1');
  });
}

/**
 * A port that takes no more connections and says nothing, as a hung host or a dropping firewall
 * would: its listener (backlog 1) sits in a worker whose thread is blocked, so it never accepts,
 * and once the kernel's accept queue is full, further SYNs are dropped. Filled until a connect
 * times out, whatever the kernel's queue length.
 */
async function silentPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const blocked = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    const server = require('node:net').createServer();
    server.listen(0, '127.0.0.1', 1, () => {
      parentPort.postMessage(server.address().port);
      Atomics.wait(workerData, 0, 0);
    });
  `, { eval: true, workerData: blocked });
  const silent = await new Promise<number>((resolve) => worker.once('message', resolve));
  for (let filled = 0; await connects(silent, 300); filled++) assert.ok(filled < 64, 'the accept queue never filled');
  const release = async () => {
    Atomics.store(blocked, 0, 1);
    Atomics.notify(blocked, 0);
    await worker.terminate();
  };
  return { port: silent, release };
}

test('each address answers in order: listening accepts, nothing listening refuses, no route is silent', async () => {
  // TCP to the broadcast address has no route (ENETUNREACH): the node and the path cannot be told apart.
  const view = await knockNativePorts(['127.0.0.1', '127.0.0.2', '255.255.255.255', '127.0.0.1'],
    { port, timeoutInMs: 2_000, now: () => new Date('2026-01-01T00:00:00Z') });
  assert.deepEqual(view.answers.map((a) => a.answer), ['accepted', 'refused', 'silent', 'accepted']);
  assert.deepEqual(view.answers.map((a) => a.detail),
    [undefined, `port ${port}: ECONNREFUSED`, `port ${port}: ENETUNREACH`, undefined]);
  assert.equal(view.observedAt, '2026-01-01T00:00:00.000Z');
});

test('a port that never answers is silent after the timeout', async () => {
  const hung = await silentPort();
  try {
    const view = await knockNativePorts(['127.0.0.1'], { port: hung.port, timeoutInMs: 300 });
    assert.deepEqual(view.answers,
      [{ address: '127.0.0.1', answer: 'silent', detail: `port ${hung.port}: no answer within 300 ms` }]);
  } finally {
    await hung.release();
  }
});

test('a ring larger than the connects allowed at once is answered whole, in order', async () => {
  const addresses = Array.from({ length: 250 }, (_, i) => (i % 5 === 0 ? '127.0.0.2' : '127.0.0.1'));
  const view = await knockNativePorts(addresses, { port, timeoutInMs: 2_000 });
  assert.deepEqual(view.answers.map((a) => a.address), addresses);
  const expected = addresses.map((a) => (a === '127.0.0.2' ? 'refused' : 'accepted'));
  assert.deepEqual(view.answers.map((a) => a.answer), expected);
});

test('no addresses: an empty view, no connect', async () => {
  assert.deepEqual((await knockNativePorts([], { port, timeoutInMs: 300 })).answers, []);
});
