import { InMemoryEventsQueue } from '../../../shared/adapters/memory/in-memory-events-queue.js';
import { describeEventsQueueContract } from '../../contract/events-queue-contract.js';

const queue = new InMemoryEventsQueue();
describeEventsQueueContract('InMemoryEventsQueue', () => ({ queue, received: async () => queue.received() }));
