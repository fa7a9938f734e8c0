import { InMemoryAlertQueue } from '../../../shared/adapters/memory/in-memory-alert-queue.js';
import { describeAlertQueueContract } from '../../contract/alert-queue-contract.js';

const queue = new InMemoryAlertQueue();
describeAlertQueueContract('InMemoryAlertQueue', () => ({ queue, received: async () => queue.received() }));
