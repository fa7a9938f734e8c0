import * as df from 'durable-functions';
import { startDueRepairs } from '../shared/api/start-due-repairs.js';
import { readRepairTimerSettings } from './app-settings.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { logDueRuns } from './log-due-runs.js';

// The schedule is read when the app loads, as the Functions host would resolve `%…%` in a binding.
const { AUTOPILOT_REPAIR_TIMER_SCHEDULE: schedule } = readRepairTimerSettings(process.env);

// Each tick starts the runs whose cluster schedule came due (startDueRepairs); the clusters'
// own schedules decide, this timer's period only bounds how late after its occurrence a run starts.
df.app.client.timer('repairScheduleTimer', {
  schedule,
  handler: async (_timer, client, context) => {
    logDueRuns(context, 'repair', await startDueRepairs((await getServices()).repairApi(orchestrationClient(client)), new Date()));
  },
});
