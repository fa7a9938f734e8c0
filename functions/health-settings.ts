import { z } from 'zod';
import { configInvalid } from './app-settings.js';
import { HealthThresholdsSchema, type HealthThresholds } from '../shared/domain/health/health-thresholds.js';

/** App settings health reads, each with a default; `HEALTH_THRESHOLDS` is JSON checked field by field. */
export const HealthSettingsSchema = z.object({
  HEALTH_CHECK_SCHEDULE: z.string().regex(/^\S+( \S+){5}$/, 'must be a six-field NCRONTAB expression').default('0 */5 * * * *'),
  HEALTH_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  HEALTH_PROBE_DATA_DIRECTORY: z.string().startsWith('/').default('/var/lib/cassandra'),
  HEALTH_THRESHOLDS: z.string().default('{}'),
  /** With a managed identity (no connection string) the queues are reached through this endpoint. */
  AzureWebJobsStorage__queueServiceUri: z.url().optional(),
});

export interface HealthSettings {
  schedule: string;
  concurrency: number;
  dataDirectory: string;
  thresholds: HealthThresholds;
  queueServiceUri?: string;
}

/**
 * Reads health's settings. Errors (CASSOPS_CONFIG_INVALID) name each bad setting, and for
 * thresholds each bad field (`HEALTH_THRESHOLDS.diskWarningPercent …`), never a secret.
 */
export function readHealthSettings(env: Record<string, string | undefined>): HealthSettings {
  const parsed = HealthSettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw configInvalid('health settings', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(parsed.data.HEALTH_THRESHOLDS);
  } catch (error) {
    throw configInvalid('health settings', [{ path: 'HEALTH_THRESHOLDS', message: `is not JSON: ${(error as Error).message}` }]);
  }
  const thresholds = HealthThresholdsSchema.safeParse(raw);
  if (!thresholds.success) {
    throw configInvalid('health settings', thresholds.error.issues.map((i) => ({ path: `HEALTH_THRESHOLDS.${i.path.join('.')}`, message: i.message })));
  }
  return { schedule: parsed.data.HEALTH_CHECK_SCHEDULE, concurrency: parsed.data.HEALTH_CHECK_CONCURRENCY,
    dataDirectory: parsed.data.HEALTH_PROBE_DATA_DIRECTORY, thresholds: thresholds.data, queueServiceUri: parsed.data.AzureWebJobsStorage__queueServiceUri };
}
