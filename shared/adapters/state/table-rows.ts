import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { statusOf } from './replace-under-etag.js';

/** Table storage's limit of operations in one transaction (all in one partition). */
export const TRANSACTION_LIMIT = 100;

/** Submits the actions (all of one partition) in transactions of TRANSACTION_LIMIT. */
export async function submitInTransactions(table: TableClient, actions: TransactionAction[]): Promise<void> {
  for (let i = 0; i < actions.length; i += TRANSACTION_LIMIT) await table.submitTransaction(actions.slice(i, i + TRANSACTION_LIMIT));
}

/**
 * Deletes rows of one partition, 100 to a transaction. A transaction fails whole when one of its
 * rows is already gone (a retried delete); that chunk is then deleted row by row, ignoring 404s.
 */
export async function deleteRows(table: TableClient, partitionKey: string, rowKeysToDelete: readonly string[]): Promise<void> {
  for (let i = 0; i < rowKeysToDelete.length; i += TRANSACTION_LIMIT) {
    const chunk = rowKeysToDelete.slice(i, i + TRANSACTION_LIMIT);
    try {
      await table.submitTransaction(chunk.map((rowKey) => ['delete', { partitionKey, rowKey }] as TransactionAction));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      for (const rowKey of chunk) {
        await table.deleteEntity(partitionKey, rowKey).catch((e: unknown) => { if (statusOf(e) !== 404) throw e; });
      }
    }
  }
}

/** Every RowKey of a partition. */
export async function rowKeys(table: TableClient, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  const filter = odata`PartitionKey eq ${partitionKey}`;
  for await (const e of table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) keys.push(e.rowKey!);
  return keys;
}
