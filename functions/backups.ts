import * as df from 'durable-functions';
import { startDueBackups } from '../shared/api/start-due-backups.js';
import { startDueDrills } from '../shared/api/start-due-drills.js';
import { readBackupTimerSettings } from './app-settings.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { logDueRuns } from './log-due-runs.js';

// The schedules are read when the app loads, as the Functions host would resolve `%…%` in a binding.
const { AUTOPILOT_BACKUP_TIMER_SCHEDULE: backupSchedule, AUTOPILOT_DRILL_TIMER_SCHEDULE: drillSchedule } = readBackupTimerSettings(process.env);

// As the repair timer: the clusters' own `schedules.snapshot` and `schedules.drill` decide what is
// due; each timer's period only bounds how late after its occurrence a backup or drill starts.
df.app.client.timer('backupScheduleTimer', {
  schedule: backupSchedule,
  handler: async (_timer, client, context) => {
    logDueRuns(context, 'backup', await startDueBackups((await getServices()).backupApi(orchestrationClient(client)), new Date()));
  },
});

df.app.client.timer('drillScheduleTimer', {
  schedule: drillSchedule,
  handler: async (_timer, client, context) => {
    logDueRuns(context, 'drill', await startDueDrills((await getServices()).backupApi(orchestrationClient(client)), new Date()));
  },
});
