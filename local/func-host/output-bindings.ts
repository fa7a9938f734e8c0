import { QueueClient } from '@azure/storage-queue';
import type { RegisteredFunction, RpcTypedData } from './core-api.js';
import type { HostLog, LogScope } from './host-log.js';
import { parseStorageConnection } from './storage-connection.js';

/** Resolves `%NAME%` in a binding option from app settings. Errors: HOST_SETTING_MISSING. */
export function resolveBindingSetting(text: string, settings: Record<string, string>, what: string): string {
  return text.replace(/%([^%]+)%/g, (_, name: string) => {
    const v = settings[name];
    if (v === undefined || v === '') throw new Error(`HOST_SETTING_MISSING: ${what} refers to app setting ${name}, which is not set`);
    return v;
  });
}

/** The connection string a binding's `connection` names (AzureWebJobsStorage by default). */
export function connectionFor(connection: unknown, settings: Record<string, string>, what: string): string {
  const name = typeof connection === 'string' && connection !== '' ? connection : 'AzureWebJobsStorage';
  const value = settings[name] ?? settings[`AzureWebJobs${name}`];
  if (!value) throw new Error(`HOST_SETTING_MISSING: ${what} uses connection ${name}, which is not set`);
  return parseStorageConnection(value).connectionString;
}

/**
 * Performs the side effects of a function's output bindings: queue outputs enqueue the text
 * base64-encoded (the host's default messageEncoding), one message per array element.
 * Unsupported binding types are logged, not silently dropped.
 */
export async function applyOutputBindings(fn: RegisteredFunction, outputs: { name: string; data: RpcTypedData }[] | undefined,
  settings: Record<string, string>, log: HostLog, scope: LogScope): Promise<void> {
  for (const { name, data } of outputs ?? []) {
    const binding = fn.metadata.bindings[name];
    if (!binding || binding.type === 'http') continue;
    if (binding.type !== 'queue') {
      log.warn(`output binding "${name}" of type ${binding.type} is not supported by the local host; its value was dropped`, scope);
      continue;
    }
    const what = `function ${fn.metadata.name} output ${name}`;
    const queueName = resolveBindingSetting(String(binding.queueName ?? ''), settings, what).toLowerCase();
    const client = new QueueClient(connectionFor(binding.connection, settings, what), queueName);
    await client.createIfNotExists();
    for (const text of messagesOf(data)) await client.sendMessage(Buffer.from(text, 'utf8').toString('base64'));
  }
}

function messagesOf(data: RpcTypedData): string[] {
  if (data.string !== undefined) return [data.string];
  if (data.json !== undefined) {
    const value = JSON.parse(data.json) as unknown;
    const items = Array.isArray(value) ? value : [value];
    return items.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  }
  if (data.int !== undefined) return [String(data.int)];
  if (data.double !== undefined) return [String(data.double)];
  if (data.bytes !== undefined) return [Buffer.from(data.bytes).toString('utf8')];
  return [];
}
