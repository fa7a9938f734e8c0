import { QueueClient } from '@azure/storage-queue';
import { ClusterEventsQueue, CLUSTER_EVENTS_QUEUE, decodeClusterEvent } from '../../../shared/adapters/queues/cluster-events-queue.js';
import type { HealthStatusChangedEvent } from '../../../shared/domain/health/health-store.js';
import { describeEventsQueueContract } from '../../contract/events-queue-contract.js';
import { queueReader, useAzurite } from '../../support/azurite-fixture.js';

let queue: ClusterEventsQueue;
let received: () => Promise<HealthStatusChangedEvent[]>;
useAzurite('events-queue', async (azurite) => {
  const client = new QueueClient(azurite.connectionString, CLUSTER_EVENTS_QUEUE);
  queue = new ClusterEventsQueue(client);
  await queue.ensureQueue();
  received = queueReader(client, decodeClusterEvent);
});

describeEventsQueueContract('ClusterEventsQueue on Azurite', () => ({ queue, received: () => received() }));
