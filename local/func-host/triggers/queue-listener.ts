import { QueueClient, type DequeuedMessageItem } from '@azure/storage-queue';
import type { CoreRegistry, RegisteredFunction, RpcTypedData } from '../core-api.js';
import type { HostLog } from '../host-log.js';
import type { HostSettings } from '../host-settings.js';
import { triggerOf } from '../invoke-function.js';
import { connectionFor, resolveBindingSetting } from '../output-bindings.js';
import { startPollLoop, type PollLoop } from '../poll-loop.js';

/** Running queue listeners. */
export interface QueueListeners {
  stop(): Promise<void>;
}

/** Options for the listeners. `run` invokes the function and rejects when it failed. */
export interface QueueListenerOptions {
  registry: CoreRegistry;
  settings: HostSettings;
  log: HostLog;
  run(fn: RegisteredFunction, input: Record<string, RpcTypedData>, metadata: Record<string, RpcTypedData>): Promise<void>;
}

/** How long a message stays hidden while its function runs (the host renews it; 10 minutes is its default). */
const PROCESSING_VISIBILITY_IN_S = 600;

/**
 * Starts one listener per queue trigger, as the host's queue extension behaves: base64
 * messages (raw text accepted when not base64), `batchSize` at a time, a failed message becomes
 * visible again after `visibilityTimeout`, and one that failed `maxDequeueCount` times moves to
 * `<queue>-poison`. Errors at start: HOST_SETTING_MISSING for an unset queue name or connection.
 */
export function startQueueListeners(o: QueueListenerOptions): QueueListeners {
  const loops: PollLoop[] = [];
  for (const fn of o.registry.functions.values()) {
    const trigger = triggerOf(fn);
    if (trigger.type !== 'queueTrigger') continue;
    const what = `function ${fn.metadata.name} queue trigger`;
    const queueName = resolveBindingSetting(String(trigger.queueName ?? ''), o.settings.appSettings, what).toLowerCase();
    const connection = connectionFor(trigger.connection, o.settings.appSettings, what);
    const queue = new QueueClient(connection, queueName);
    const poison = new QueueClient(connection, `${queueName}-poison`);
    let created = false;
    const step = async (): Promise<boolean> => {
      if (!created) { await queue.createIfNotExists(); created = true; }
      const r = await queue.receiveMessages({ numberOfMessages: o.settings.queues.batchSize, visibilityTimeout: PROCESSING_VISIBILITY_IN_S });
      await Promise.all(r.receivedMessageItems.map((m) => handle(o, fn, trigger.name, queue, poison, m)));
      return r.receivedMessageItems.length > 0;
    };
    loops.push(startPollLoop(step, o.settings.queues.maxPollingIntervalInMs, (e) => o.log.error(`queue listener for ${queueName} failed`, e, { functionName: fn.metadata.name })));
  }
  return { stop: async () => { await Promise.all(loops.map((l) => l.stop())); } };
}

async function handle(o: QueueListenerOptions, fn: RegisteredFunction, triggerName: string, queue: QueueClient, poison: QueueClient, m: DequeuedMessageItem): Promise<void> {
  const max = o.settings.queues.maxDequeueCount;
  if (m.dequeueCount > max) return moveToPoison(o, fn, queue, poison, m);
  try {
    await o.run(fn, { [triggerName]: { string: decodeMessage(m.messageText) } }, triggerMetadata(m));
    await queue.deleteMessage(m.messageId, m.popReceipt);
  } catch {
    if (m.dequeueCount >= max) return moveToPoison(o, fn, queue, poison, m);
    await queue.updateMessage(m.messageId, m.popReceipt, undefined, Math.ceil(o.settings.queues.visibilityTimeoutInMs / 1000));
  }
}

async function moveToPoison(o: QueueListenerOptions, fn: RegisteredFunction, queue: QueueClient, poison: QueueClient, m: DequeuedMessageItem): Promise<void> {
  await poison.createIfNotExists();
  await poison.sendMessage(m.messageText);
  await queue.deleteMessage(m.messageId, m.popReceipt);
  o.log.warn(`message ${m.messageId} failed ${m.dequeueCount} times and moved to ${poison.name}`, { functionName: fn.metadata.name });
}

/** Base64 text decodes to its UTF-8 content; anything else is passed through as is. */
export function decodeMessage(text: string): string {
  const compact = text.trim();
  if (compact.length > 0 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const decoded = Buffer.from(compact, 'base64');
    if (decoded.toString('base64') === compact) return decoded.toString('utf8');
  }
  return text;
}

function triggerMetadata(m: DequeuedMessageItem): Record<string, RpcTypedData> {
  const time = (d: Date | undefined): RpcTypedData => ({ json: JSON.stringify(d ? d.toISOString() : null) });
  return {
    Id: { string: m.messageId },
    DequeueCount: { json: String(m.dequeueCount) },
    InsertionTime: time(m.insertedOn),
    ExpirationTime: time(m.expiresOn),
    NextVisibleTime: time(m.nextVisibleOn),
    PopReceipt: { string: m.popReceipt },
  };
}
