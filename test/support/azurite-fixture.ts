import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueClient } from '@azure/storage-queue';
import { startAzurite, type AzuriteInstance } from '../../local/azurite/start-azurite.js';

/**
 * Starts one Azurite in a fresh temp dir before the enclosing suite (or file), then runs `setup`
 * with it; stops it and removes the dir after. Setup runs inside the same hook because Node 20
 * does not wait for one root-level `before` hook to finish before starting the next.
 */
export function useAzurite(dirPrefix: string, setup: (azurite: AzuriteInstance) => Promise<void> | void): void {
  let azurite: AzuriteInstance | undefined;
  let dir: string | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), `${dirPrefix}-`));
    azurite = await startAzurite({ location: dir });
    await setup(azurite);
  });
  after(async () => {
    await azurite?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * A queue contract's `received()` for a real storage queue: drains what arrived since the last
 * call (deleting each message, as a consumer would) and answers everything read so far, in order.
 */
export function queueReader<T>(queue: QueueClient, decode: (messageText: string) => T): () => Promise<T[]> {
  const seen: T[] = [];
  return async () => {
    for (;;) {
      const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
      if (receivedMessageItems.length === 0) return [...seen];
      for (const message of receivedMessageItems) {
        seen.push(decode(message.messageText));
        await queue.deleteMessage(message.messageId, message.popReceipt);
      }
    }
  };
}
