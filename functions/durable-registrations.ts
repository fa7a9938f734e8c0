import * as df from 'durable-functions';
import { ORCHESTRATION_TABLE } from '../shared/orchestrations/orchestration-table.js';
import { ACTIVITIES, type ActivityName } from '../shared/contracts/names.js';
import { describeActivityError } from '../shared/activities/describe-activity-error.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';

// Every orchestration and every activity registered from one table each:
// this file only wires.
for (const [name, handler] of Object.entries(ORCHESTRATION_TABLE)) df.app.orchestration(name, handler);

for (const name of Object.values(ACTIVITIES) as ActivityName[]) {
  df.app.activity(name, {
    // The few activities that start other operations (a drill's restore and delete) need the durable client.
    extraInputs: [df.input.durableClient()],
    handler: async (input: unknown, context) => {
      try {
        return await (await getServices()).activities[name](input as never, { orchestrations: () => orchestrationClient(df.getClient(context)) });
      } catch (error) {
        const message = describeActivityError(error);
        context.warn(`activity ${name} failed (will be retried if attempts remain): ${message}`);
        throw new Error(message);
      }
    },
  });
}
