import * as df from 'durable-functions';
import { purgeOrchestrationHistory } from '../shared/api/purge-orchestration-history.js';
import { readHistoryPurgeSettings } from './app-settings.js';
import { getServices } from './composition-root.js';
import { historyPurger } from './durable-client-ports.js';

// The schedule is read when the app loads, as the Functions host would resolve `%…%` in a
// binding; the retention is read with the other settings when the timer fires.
const { AUTOPILOT_HISTORY_PURGE_SCHEDULE: schedule } = readHistoryPurgeSettings(process.env);

df.app.client.timer('purgeHistoryTimer', {
  schedule,
  handler: async (_timer, client, context) => {
    const { settings } = await getServices();
    const { window, instancesDeleted } = await purgeOrchestrationHistory({ purger: historyPurger(client),
      retentionDays: settings.AUTOPILOT_HISTORY_RETENTION_DAYS, now: () => new Date() });
    context.log(`purged the history of ${instancesDeleted} finished orchestration(s) created before ${window.createdTimeTo.toISOString()}`);
  },
});
