import { TableClient, type TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import type { StorageConnection } from '../storage-connection.js';
import { fromChunks, toChunks } from './chunked-text.js';
import type { HistoryEvent, RuntimeStatus } from './history.js';
import type { InstanceRecord } from './instance-record.js';

/** A received queue message: its parsed body and what deleting it needs. */
export interface ReceivedMessage<T> {
  body: T;
  messageId: string;
  popReceipt: string;
  dequeueCount: number;
  /** The blob holding the body when it was too large for a queue message. */
  blobName?: string;
}

/** Queue messages hold 64 KiB; larger bodies go to a blob, as the Azure Storage provider does. */
const MAX_INLINE_CHARS = 45_000;

/** One page of instance records and the token for the next page, if any. */
export interface InstancePage {
  records: InstanceRecord[];
  continuationToken?: string;
}

/** Filters for listing and purging instances (the client's getStatusBy / purge by filter). */
export interface InstanceFilter {
  createdTimeFrom?: string;
  createdTimeTo?: string;
  runtimeStatus?: RuntimeStatus[];
}

/** A queue of JSON messages in the task hub. */
export class JsonQueue<T> {
  constructor(readonly client: QueueClient, private readonly largeMessages: ContainerClient) {}

  /**
   * Sends one message, invisible for about `delayInMs` (durable timers use this); never expires.
   * Visibility has whole-second steps, so it is rounded down: the receiver holds a message that
   * shows up early until it is due.
   */
  async send(body: T, delayInMs = 0): Promise<void> {
    const visibilityTimeout = Math.min(Math.max(0, Math.floor(delayInMs / 1000)), 7 * 86_400 - 60);
    let text = JSON.stringify(body);
    if (text.length > MAX_INLINE_CHARS) {
      const blobName = `${this.client.name}/${randomUUID()}.json`;
      await this.largeMessages.getBlockBlobClient(blobName).upload(text, Buffer.byteLength(text));
      text = JSON.stringify({ $blob: blobName });
    }
    await this.client.sendMessage(text, { visibilityTimeout, messageTimeToLive: -1 });
  }

  /** Receives up to `count` messages (max 32), hiding them for `visibilityInMs`. */
  async receive(count: number, visibilityInMs: number): Promise<ReceivedMessage<T>[]> {
    const r = await this.client.receiveMessages({ numberOfMessages: Math.min(32, Math.max(1, count)), visibilityTimeout: Math.ceil(visibilityInMs / 1000) });
    return Promise.all(r.receivedMessageItems.map(async (m) => {
      const parsed = JSON.parse(m.messageText) as T | { $blob?: string };
      const blobName = (parsed as { $blob?: string }).$blob;
      const body = blobName === undefined ? parsed as T
        : JSON.parse((await this.largeMessages.getBlockBlobClient(blobName).downloadToBuffer()).toString('utf8')) as T;
      return { body, messageId: m.messageId, popReceipt: m.popReceipt, dequeueCount: m.dequeueCount, blobName };
    }));
  }

  /** Deletes a processed message; a message already gone is not an error. */
  async delete(message: ReceivedMessage<T>): Promise<void> {
    await this.client.deleteMessage(message.messageId, message.popReceipt).catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 404) throw e;
    });
    if (message.blobName) await this.largeMessages.getBlockBlobClient(message.blobName).deleteIfExists();
  }

  /** Keeps a message hidden for another `visibilityInMs` while it is still being processed. */
  async extend(message: ReceivedMessage<T>, visibilityInMs: number): Promise<void> {
    const r = await this.client.updateMessage(message.messageId, message.popReceipt, undefined, Math.ceil(visibilityInMs / 1000));
    if (r.popReceipt) message.popReceipt = r.popReceipt;
  }
}

/**
 * The task hub in Azure Storage, laid out like the Durable extension's Azure Storage provider:
 * tables `<hub>Instances` and `<hub>History`, queues `<hub>-control-00` and `<hub>-workitems`.
 * History rows are keyed `<executionId>|<seq>`, so rewriting a row after a crash is idempotent.
 */
export class TaskHubStore {
  readonly instances: TableClient;
  readonly history: TableClient;

  readonly control: JsonQueue<unknown>;
  readonly workItems: JsonQueue<unknown>;
  private readonly largeMessages: ContainerClient;

  constructor(conn: StorageConnection, readonly hubName: string) {
    const hub = hubName.toLowerCase();
    this.largeMessages = BlobServiceClient.fromConnectionString(conn.connectionString).getContainerClient(`${hub}-largemessages`);
    this.control = new JsonQueue(new QueueClient(conn.connectionString, `${hub}-control-00`), this.largeMessages);
    this.workItems = new JsonQueue(new QueueClient(conn.connectionString, `${hub}-workitems`), this.largeMessages);
    const opts = { allowInsecureConnection: true };
    this.instances = TableClient.fromConnectionString(conn.connectionString, `${hubName}Instances`, opts);
    this.history = TableClient.fromConnectionString(conn.connectionString, `${hubName}History`, opts);
  }

  /** Creates the tables and queues when missing. */
  async ensure(): Promise<void> {
    await Promise.all([this.instances.createTable(), this.history.createTable(), this.largeMessages.createIfNotExists(),
      this.control.client.createIfNotExists(), this.workItems.client.createIfNotExists()]);
  }

  /** Reads one instance record, or undefined. */
  async readInstance(instanceId: string): Promise<InstanceRecord | undefined> {
    try {
      const e = await this.instances.getEntity<Record<string, unknown>>(instanceId, '');
      // OutboxSent is merged on its own after the outgoing messages went out: the column wins.
      return { ...JSON.parse(fromChunks('D', e)) as InstanceRecord, outboxSent: e.OutboxSent === true };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Writes an instance record (the commit point of an episode). */
  async writeInstance(record: InstanceRecord): Promise<void> {
    await this.instances.upsertEntity({
      partitionKey: record.instanceId, rowKey: '', RuntimeStatus: record.runtimeStatus, CreatedTime: record.createdTime,
      Name: record.name, OutboxSent: record.outboxSent, ...toChunks('D', JSON.stringify(record)),
    }, 'Replace');
  }

  /** Appends history rows from position `from`, in transactions of at most 100 rows. */
  async appendHistory(instanceId: string, executionId: string, from: number, events: HistoryEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 100) {
      const actions: TransactionAction[] = events.slice(i, i + 100).map((event, j) => ['upsert', {
        partitionKey: instanceId, rowKey: historyRowKey(executionId, from + i + j), ...toChunks('D', JSON.stringify(event)),
      }, 'Replace']);
      await this.history.submitTransaction(actions);
    }
  }

  /** Reads the first `count` history rows of an execution, in order. */
  async readHistory(instanceId: string, executionId: string, count: number): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    const filter = `PartitionKey eq '${esc(instanceId)}' and RowKey ge '${esc(executionId)}|' and RowKey lt '${esc(executionId)}|~'`;
    for await (const e of this.history.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      events.push(JSON.parse(fromChunks('D', e)) as HistoryEvent);
    }
    return events.slice(0, count);
  }

  /** Deletes an instance and all of its history; returns whether it existed. */
  async deleteInstance(instanceId: string): Promise<boolean> {
    const keys: string[] = [];
    for await (const e of this.history.listEntities({ queryOptions: { filter: `PartitionKey eq '${esc(instanceId)}'`, select: ['RowKey'] } })) keys.push(e.rowKey as string);
    for (let i = 0; i < keys.length; i += 100) {
      await this.history.submitTransaction(keys.slice(i, i + 100).map((rk) => ['delete', { partitionKey: instanceId, rowKey: rk }]));
    }
    try {
      await this.instances.deleteEntity(instanceId, '');
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  /** Lists orchestration instances (entities excluded) matching the filter, one page at a time. */
  async listInstances(filter: InstanceFilter, pageSize: number, continuationToken?: string): Promise<InstancePage> {
    const clauses = [`PartitionKey lt '@' or PartitionKey gt '@~'`];
    if (filter.createdTimeFrom) clauses.push(`CreatedTime ge '${esc(filter.createdTimeFrom)}'`);
    if (filter.createdTimeTo) clauses.push(`CreatedTime le '${esc(filter.createdTimeTo)}'`);
    if (filter.runtimeStatus?.length) clauses.push(filter.runtimeStatus.map((s) => `RuntimeStatus eq '${esc(s)}'`).join(' or '));
    const pages = this.instances.listEntities<Record<string, unknown>>({ queryOptions: { filter: clauses.map((c) => `(${c})`).join(' and ') } })
      .byPage({ maxPageSize: pageSize, continuationToken });
    const page = await pages.next();
    if (page.done) return { records: [] };
    const records = page.value.map((e) => JSON.parse(fromChunks('D', e)) as InstanceRecord);
    return { records, continuationToken: page.value.continuationToken };
  }

  /** Ids of instances whose last episode's outgoing messages may not have been sent. */
  async unsentOutboxes(): Promise<string[]> {
    const ids: string[] = [];
    for await (const e of this.instances.listEntities({ queryOptions: { filter: 'OutboxSent eq false', select: ['PartitionKey'] } })) ids.push(e.partitionKey as string);
    return ids;
  }

  /** Marks an instance's outbox as sent without rewriting the record. */
  async markOutboxSent(instanceId: string): Promise<void> {
    await this.instances.updateEntity({ partitionKey: instanceId, rowKey: '', OutboxSent: true }, 'Merge');
  }
}

function historyRowKey(executionId: string, seq: number): string {
  return `${executionId}|${String(seq).padStart(8, '0')}`;
}

function esc(text: string): string {
  return text.replace(/'/g, "''");
}
