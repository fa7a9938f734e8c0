import { createServer } from 'node:net';

/** JMX ports come from here: below Linux's ephemeral range, so no random RMI port takes one first. */
const FIRST_JMX_PORT = 17199;
const LAST_JMX_PORT = 17999;
const RANGE = LAST_JMX_PORT - FIRST_JMX_PORT + 1;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Picks a JMX port for a new node: a port in 17199-17999 that no other node of this driver holds
 * and that is free on 127.0.0.1 now. A created node binds its port only when Cassandra starts, so
 * each process scans from its own offset (by pid) to keep two stacks on one machine apart.
 * @throws Error when the range has no free port.
 */
export async function allocateJmxPort(taken: ReadonlySet<number>, offset = (process.pid * 37) % RANGE): Promise<number> {
  for (let i = 0; i < RANGE; i++) {
    const port = FIRST_JMX_PORT + ((offset + i) % RANGE);
    if (!taken.has(port) && await isFree(port)) return port;
  }
  throw new Error(`no free JMX port between ${FIRST_JMX_PORT} and ${LAST_JMX_PORT} on 127.0.0.1`);
}
