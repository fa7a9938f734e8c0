import { z } from 'zod';
import { OpsError, type Issue } from '../shared/errors/ops-error.js';
import { FIRST_BOOT_MODES } from '../shared/domain/deploy/first-boot-mode.js';

const int = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const ncrontab = (fallback: string) =>
  z.string().regex(/^\S+( \S+){5}$/, 'must be a six-field NCRONTAB expression').default(fallback);

/** When the history purge runs, and how many days finished orchestrations' history is kept. */
export const HistoryPurgeSettingsSchema = z.object({
  AUTOPILOT_HISTORY_PURGE_SCHEDULE: ncrontab('0 30 3 * * *'),
  AUTOPILOT_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

/**
 * When the repair timer looks for clusters whose own repair schedule is due: its period is the
 * floor of every cluster's schedule (a run starts at most this late after its occurrence).
 */
export const RepairTimerSettingsSchema = z.object({
  AUTOPILOT_REPAIR_TIMER_SCHEDULE: ncrontab('0 */15 * * * *'),
});

/**
 * When the backup and drill timers look for clusters whose own `schedules.snapshot` or
 * `schedules.drill` is due: as the repair timer's, each period is the floor of the clusters' schedules.
 */
export const BackupTimerSettingsSchema = z.object({
  AUTOPILOT_BACKUP_TIMER_SCHEDULE: ncrontab('0 */15 * * * *'),
  AUTOPILOT_DRILL_TIMER_SCHEDULE: ncrontab('0 */15 * * * *'),
});

/** The app settings the product reads (Function App configuration, or local.settings.json locally). */
export const AppSettingsSchema = z.object({
  AzureWebJobsStorage: z.string().min(1).optional(),
  AzureWebJobsStorage__tableServiceUri: z.url().optional(),
  AzureWebJobsStorage__clientId: z.string().optional(),
  AUTOPILOT_TARGET: z.enum(['azure', 'local']).default('azure'),
  AUTOPILOT_SUBSCRIPTION_ID: z.string({ error: (i) => (i.input === undefined ? 'is required: the subscription the app deploys into'
    : 'must be text') }).regex(/^[0-9a-f-]{36}$/i, 'must be a subscription id (GUID)'),
  AUTOPILOT_ARM_ENDPOINT: z.url().optional(),
  AUTOPILOT_ARM_CA_FILE: z.string().optional(),
  AUTOPILOT_ARM_TENANT_ID: z.string().optional(),
  AUTOPILOT_ARM_CLIENT_ID: z.string().optional(),
  AUTOPILOT_ARM_CLIENT_SECRET: z.string().optional(),
  AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID: z.string().optional(),
  /** The app's own resource group: no spec may deploy into it and no delete removes it (infra/ sets it). */
  AUTOPILOT_APP_RESOURCE_GROUP: z.string().min(1).optional(),
  AUTOPILOT_KEY_VAULT_URL: z.url({ protocol: /^https$/, error: 'must be the vault\'s https URL (https://<name>.vault.azure.net/)' })
    .optional(),
  /** The backup account's Blob endpoint (Azure, with the app's identity); locally backups share AzureWebJobsStorage (Azurite). */
  AUTOPILOT_BACKUP_BLOB_ENDPOINT: z.url().optional(),
  AUTOPILOT_SECRET_FILE: z.string().optional(),
  AUTOPILOT_SSH_PUBLIC_KEY: z.string().default('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExvY2FsU3RhY2tQbGFjZWhvbGRlcktleQ autopilot-local'),
  AUTOPILOT_ARM_POLL_INTERVAL_MS: int(2_000),
  AUTOPILOT_JOIN_TIMEOUT_MS: int(900_000),
  AUTOPILOT_JOIN_POLL_INTERVAL_MS: int(10_000),
  AUTOPILOT_NODE_CONCURRENCY: int(10),
  AUTOPILOT_FIRST_BOOT: z.enum(FIRST_BOOT_MODES).default('parallel'),
  AUTOPILOT_CQL_PORT: int(9042),
  AUTOPILOT_RUN_COMMAND_CONFLICT_DELAY_MS: int(10_000),
  AUTOPILOT_LEASE_TTL_MS: int(120_000),
  ...HistoryPurgeSettingsSchema.shape,
  ...RepairTimerSettingsSchema.shape,
  ...BackupTimerSettingsSchema.shape,
  // Run even when a field failed, so one error names every missing setting at once.
}).superRefine((s, ctx) => {
  const need = (key: keyof typeof s, why: string) => { if (!s[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` }); };
  if (!s.AzureWebJobsStorage && !s.AzureWebJobsStorage__tableServiceUri) {
    need('AzureWebJobsStorage', '(or AzureWebJobsStorage__tableServiceUri with a managed identity): the state tables live there');
  }
  if (s.AUTOPILOT_TARGET === 'local') {
    for (const key of ['AUTOPILOT_ARM_ENDPOINT', 'AUTOPILOT_ARM_CA_FILE', 'AUTOPILOT_ARM_TENANT_ID', 'AUTOPILOT_ARM_CLIENT_ID',
      'AUTOPILOT_ARM_CLIENT_SECRET', 'AUTOPILOT_SECRET_FILE'] as const) {
      need(key, 'when AUTOPILOT_TARGET is local (the ARM simulator and the local secret file)');
    }
  } else {
    need('AUTOPILOT_KEY_VAULT_URL', 'when AUTOPILOT_TARGET is azure (generated passwords live in Key Vault)');
    need('AUTOPILOT_BACKUP_BLOB_ENDPOINT', 'when AUTOPILOT_TARGET is azure (backups go to their own storage account, signed in with the app\'s identity)');
  }
}, { when: () => true });

export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** Reads and checks the settings; the error names every missing or invalid setting, never a value. */
export function readAppSettings(env: Record<string, string | undefined>): AppSettings {
  return readSettings(AppSettingsSchema, env);
}

/**
 * Reads only the history purge's settings: the timer's schedule is needed when the app loads,
 * before (and apart from) the settings the rest of the app checks on first use.
 * Errors: CASSOPS_CONFIG_INVALID naming the bad setting.
 */
export function readHistoryPurgeSettings(env: Record<string, string | undefined>): z.infer<typeof HistoryPurgeSettingsSchema> {
  return readSettings(HistoryPurgeSettingsSchema, env);
}

/** Reads only the repair timer's schedule, needed when the app loads. Errors: CASSOPS_CONFIG_INVALID naming the bad setting. */
export function readRepairTimerSettings(env: Record<string, string | undefined>): z.infer<typeof RepairTimerSettingsSchema> {
  return readSettings(RepairTimerSettingsSchema, env);
}

/** Reads only the backup and drill timers' schedules, needed when the app loads. Errors: CASSOPS_CONFIG_INVALID naming the bad setting. */
export function readBackupTimerSettings(env: Record<string, string | undefined>): z.infer<typeof BackupTimerSettingsSchema> {
  return readSettings(BackupTimerSettingsSchema, env);
}

function readSettings<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.output<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw configInvalid('app settings', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

/**
 * CASSOPS_CONFIG_INVALID naming each bad setting (its path is the setting's name) and never a
 * value: the API answers it as is, so an operator reading a 500 sees which setting to fix.
 */
export function configInvalid(what: string, issues: Issue[]): OpsError {
  const problems = issues.map((i) => `${i.path} ${i.message}`).join('; ');
  return new OpsError('CASSOPS_CONFIG_INVALID', { message: `The ${what} are incomplete or invalid: ${problems}.`, issues });
}

/**
 * On Azure, roles are read from the principal headers App Service authentication injects, which
 * are its own only while it is on: it then drops any a client sends. Off (WEBSITE_AUTH_ENABLED,
 * which App Service sets, not True), a client holding a function key could send its own, so no
 * role may be read. The local host always drops them and sets its own, so `local` needs nothing.
 * Errors: CASSOPS_CONFIG_INVALID naming WEBSITE_AUTH_ENABLED.
 */
export function requireAppServiceAuthentication(env: Record<string, string | undefined>): void {
  if ((env.AUTOPILOT_TARGET ?? 'azure') !== 'azure' || /^true$/i.test(env.WEBSITE_AUTH_ENABLED ?? '')) return;
  throw configInvalid('app settings', [{ path: 'WEBSITE_AUTH_ENABLED',
    message: 'must be True: App Service authentication (authsettingsV2, which infra/ configures) must be on before roles are read' }]);
}
