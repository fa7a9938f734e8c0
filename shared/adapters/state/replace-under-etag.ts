import type { TableEntityResult } from '@azure/data-tables';
import { OpsError } from '../../errors/ops-error.js';
import { unpackJson } from './table-json-columns.js';

/** Lost races before a conditional write gives up with CASSOPS_STATE_CONFLICT. */
export const MAX_ETAG_ATTEMPTS = 8;

/** Duck-typed: the SDK's RestError may come from another copy of core-rest-pipeline. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { statusCode?: number }).statusCode : undefined;
}

/** How one record packed in an entity's `record` column is read, and written back under an ETag. */
export interface EtagRecord<T> {
  read(): Promise<TableEntityResult<Record<string, unknown>> | undefined>;
  /** Replaces the whole entity (never Merge: a shorter packed column would keep a longer one's tail). */
  replace(record: T, etag: string): Promise<void>;
  /** The error for a record that does not exist. */
  missing(): OpsError;
  /** What the conflict error says kept changing. */
  name: string;
}

/**
 * Read-modify-write of one packed record under its ETag, re-reading after a lost race (412);
 * `change` returning undefined writes nothing. Returns the record as stored afterwards.
 */
export async function replaceUnderEtag<T>(target: EtagRecord<T>, change: (record: T) => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < MAX_ETAG_ATTEMPTS; attempt++) {
    const entity = await target.read();
    const record = entity && unpackJson<T>(entity, 'record');
    if (!entity || !record) throw target.missing();
    const changed = change(record);
    if (!changed) return record;
    try {
      await target.replace(changed, entity.etag);
      return changed;
    } catch (error) {
      if (statusOf(error) !== 412) throw error;
    }
  }
  throw new OpsError('CASSOPS_STATE_CONFLICT', { message: `${target.name} kept changing while being updated.` });
}
