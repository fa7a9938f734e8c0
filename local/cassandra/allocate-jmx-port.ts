import { createServer } from 'node:net';

/** JMX ports come from here: below Linux's ephemeral range, so no random RMI port takes one first. */
const FIRST_JMX_PORT = 17199;
const LAST_JMX_PORT = 17999;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Picks a JMX port for a new node: the first port from 17199 up that no other node of this driver
 * holds and that is free on 127.0.0.1 now.
 * @throws Error when the range 17199-17999 has no free port.
 */
export async function allocateJmxPort(taken: ReadonlySet<number>): Promise<number> {
  for (let port = FIRST_JMX_PORT; port <= LAST_JMX_PORT; port++) {
    if (!taken.has(port) && await isFree(port)) return port;
  }
  throw new Error(`no free JMX port between ${FIRST_JMX_PORT} and ${LAST_JMX_PORT} on 127.0.0.1`);
}
