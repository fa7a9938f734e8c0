import * as df from 'durable-functions';
import { startDueRepairs } from '../shared/api/start-due-repairs.js';
import { readRepairTimerSettings } from './app-settings.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';

// The schedule is read when the app loads, as the Functions host would resolve `%…%` in a binding.
const { AUTOPILOT_REPAIR_TIMER_SCHEDULE: schedule } = readRepairTimerSettings(process.env);

// Each tick starts the runs whose cluster schedule came due (startDueRepairs); the clusters'
// own schedules decide, this timer's period only bounds how late after its occurrence a run starts.
df.app.client.timer('repairScheduleTimer', {
  schedule,
  handler: async (_timer, client, context) => {
    const outcomes = await startDueRepairs((await getServices()).repairApi(orchestrationClient(client)), new Date());
    for (const o of outcomes) {
      const run = o.operationId ? ` (run ${o.operationId})` : '';
      const line = `repair of ${o.cluster}: ${o.outcome}${run}${o.reason ? `: ${o.reason}` : ''}`;
      if (o.outcome === 'skipped') context.warn(line);
      else context.log(line);
    }
  },
});
