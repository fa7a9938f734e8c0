import { QueueClient } from '@azure/storage-queue';
import { HealthAlertsQueue, HEALTH_ALERTS_QUEUE } from '../../../shared/adapters/queues/health-alerts-queue.js';
import { decodeQueueMessage } from '../../../shared/adapters/queues/encode-queue-message.js';
import type { QueuedAlert } from '../../../shared/domain/ports/alert-queue.js';
import { describeAlertQueueContract } from '../../contract/alert-queue-contract.js';
import { queueReader, useAzurite } from '../../support/azurite-fixture.js';

let queue: HealthAlertsQueue;
let received: () => Promise<QueuedAlert[]>;
useAzurite('alert-queue', async (azurite) => {
  const client = new QueueClient(azurite.connectionString, HEALTH_ALERTS_QUEUE);
  queue = new HealthAlertsQueue(client);
  await queue.ensureQueue();
  received = queueReader(client, decodeQueueMessage<QueuedAlert>);
});

describeAlertQueueContract('HealthAlertsQueue on Azurite', () => ({ queue, received: () => received() }));
