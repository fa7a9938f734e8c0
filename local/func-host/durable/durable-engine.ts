import pLimit from 'p-limit';
import type { CoreRegistry } from '../core-api.js';
import type { HostLog } from '../host-log.js';
import type { HostSettings } from '../host-settings.js';
import type { InvokeFunction } from '../invoke-function.js';
import { startPollLoop, type PollLoop } from '../poll-loop.js';
import { entityRunner, orchestratorRunner, runActivity } from './durable-runners.js';
import { processEntity, type RunEntity } from './entity-processor.js';
import { EventType, isTerminal } from './history.js';
import type { ControlMessage, WorkItem } from './instance-record.js';
import { loadRuntime, processOrchestration, type InstanceRuntime, type RunOrchestrator } from './orchestration-processor.js';
import { startMessage } from './instance-operations.js';
import { outgoingFor, type Outgoing } from './outbox.js';
import type { ReceivedMessage, TaskHubStore } from './task-hub-store.js';

/** How many control messages one dispatch round collects before running episodes. */
const MAX_ROUND = 2048;

/**
 * The Durable Task engine of the local host: dispatches control messages (orchestrations and
 * entities) and activity work items from the task hub's queues, caches running instances'
 * history between episodes, and resends unsent outgoing messages after a restart.
 * Delivery is at least once; history appends and entity operations are deduplicated.
 */
export class DurableEngine {
  private readonly cache = new Map<string, InstanceRuntime>();
  private readonly runOrchestrator: RunOrchestrator;
  private readonly runEntity: RunEntity;
  private loops: PollLoop[] = [];
  private activitiesRunning = 0;
  /** Timer messages received a little early, held in memory until due (they stay invisible meanwhile). */
  private readonly dueTimers: ReceivedMessage<ControlMessage>[] = [];
  private slotWaiters: (() => void)[] = [];
  private controlLoop: PollLoop | undefined;
  private workLoop: PollLoop | undefined;

  constructor(readonly store: TaskHubStore, private readonly registry: CoreRegistry, private readonly invoke: InvokeFunction,
    private readonly settings: HostSettings['durable'], private readonly log: HostLog) {
    this.runOrchestrator = orchestratorRunner(registry, invoke);
    this.runEntity = entityRunner(registry, invoke);
  }

  /** Creates the task hub, resends what a crash may have left unsent, and starts dispatching. */
  async start(): Promise<void> {
    await this.store.ensure();
    await this.recover();
    const onError = (e: unknown): void => this.log.error('durable dispatcher error', e);
    this.controlLoop = startPollLoop(() => this.controlRound(), this.settings.maxQueuePollingIntervalInMs, onError);
    this.workLoop = startPollLoop(() => this.workRound(), this.settings.maxQueuePollingIntervalInMs, onError);
    this.loops = [this.controlLoop, this.workLoop];
  }

  /** Stops dispatching (messages in flight become visible again after their timeout). */
  async stop(): Promise<void> {
    this.slotWaiters.splice(0).forEach((w) => w());
    await Promise.all(this.loops.map((l) => l.stop()));
  }

  /** Sends control messages and work items, then wakes the dispatchers. */
  async send(out: Outgoing): Promise<void> {
    const limit = pLimit(16);
    await Promise.all([
      ...out.control.map((c) => limit(() => this.store.control.send(c.message, c.delayInMs))),
      ...out.work.map((w) => limit(() => this.store.workItems.send(w))),
    ]);
    if (out.control.length > 0) this.controlLoop?.wake();
    if (out.work.length > 0) this.workLoop?.wake();
  }

  /** Drops a cached instance (after a purge or an external change). */
  forget(instanceId: string): void {
    this.cache.delete(instanceId);
  }

  private async recover(): Promise<void> {
    for (const id of await this.store.unsentOutboxes()) {
      const record = await this.store.readInstance(id);
      if (!record) continue;
      if (record.entity) {
        await this.send({ control: record.entity.outbox.map((message) => ({ message, delayInMs: 0 })), work: [] });
      } else if (record.runtimeStatus === 'Pending' && record.historyCount === 0) {
        await this.send({ control: [{ message: startMessage(record), delayInMs: 0 }], work: [] });
      } else {
        const history = await this.store.readHistory(id, record.executionId, record.historyCount);
        await this.send(outgoingFor(id, record.executionId, record.parent, history.slice(record.outboxFrom), Date.now()));
      }
      await this.store.markOutboxSent(id);
      this.log.info(`resent the outgoing messages of instance ${id} after a restart`);
    }
  }

  private async controlRound(): Promise<boolean> {
    const received: ReceivedMessage<ControlMessage>[] = this.dueTimers.splice(0);
    for (;;) {
      const batch = await this.store.control.receive(32, this.settings.controlQueueVisibilityTimeoutInMs) as ReceivedMessage<ControlMessage>[];
      received.push(...batch);
      if (batch.length < 32 || received.length >= MAX_ROUND) break;
    }
    if (received.length === 0) return false;
    const groups = new Map<string, ReceivedMessage<ControlMessage>[]>();
    for (const m of received) {
      if (await this.deferEarlyTimer(m)) continue;
      const list = groups.get(m.body.instanceId) ?? [];
      list.push(m);
      groups.set(m.body.instanceId, list);
    }
    const limit = pLimit(this.settings.maxConcurrentOrchestratorFunctions);
    await Promise.all([...groups].map(([id, msgs]) => limit(() => this.processGroup(id, msgs))));
    return true;
  }

  /**
   * A timer message seen before its time (visibility has whole seconds and caps at 7 days) is
   * held in memory when due within the visibility window, otherwise sent again for the rest.
   */
  private async deferEarlyTimer(m: ReceivedMessage<ControlMessage>): Promise<boolean> {
    const body = m.body;
    if (body.kind !== 'event' || body.event.EventType !== EventType.TimerFired) return false;
    const remaining = Date.parse(String(body.event.FireAt)) - Date.now();
    if (remaining <= 0) return false;
    if (remaining < this.settings.controlQueueVisibilityTimeoutInMs / 2) {
      const handle = setTimeout(() => { this.dueTimers.push(m); this.controlLoop?.wake(); }, remaining);
      handle.unref();
      return true;
    }
    await this.store.control.send(body, remaining);
    await this.store.control.delete(m);
    return true;
  }

  private async processGroup(instanceId: string, msgs: ReceivedMessage<ControlMessage>[]): Promise<void> {
    try {
      if (instanceId.startsWith('@')) await this.processEntityGroup(instanceId, msgs);
      else await this.processOrchestrationGroup(instanceId, msgs);
      const limit = pLimit(32);
      await Promise.all(msgs.map((m) => limit(() => this.store.control.delete(m))));
    } catch (error) {
      this.cache.delete(instanceId);
      this.log.error(`processing instance ${instanceId} failed; its messages will be redelivered`, error);
    }
  }

  private async processOrchestrationGroup(instanceId: string, msgs: ReceivedMessage<ControlMessage>[]): Promise<void> {
    const cached = this.cache.get(instanceId) ?? await loadRuntime(this.store, instanceId);
    const { runtime, outgoing } = await processOrchestration(this.store, cached, msgs.map((m) => m.body), this.runOrchestrator, () => new Date());
    if (!runtime?.exec) return;
    await this.send(outgoing);
    await this.store.markOutboxSent(instanceId);
    if (isTerminal(runtime.record.runtimeStatus)) this.cache.delete(instanceId);
    else this.cache.set(instanceId, runtime);
  }

  private async processEntityGroup(instanceId: string, msgs: ReceivedMessage<ControlMessage>[]): Promise<void> {
    const existing = await this.store.readInstance(instanceId);
    const record = await processEntity(existing, msgs.map((m) => m.body), this.runEntity, new Date());
    if (!record) return;
    await this.store.writeInstance(record);
    await this.send({ control: (record.entity?.outbox ?? []).map((message) => ({ message, delayInMs: 0 })), work: [] });
    await this.store.markOutboxSent(instanceId);
  }

  private async workRound(): Promise<boolean> {
    const limit = this.settings.maxConcurrentActivityFunctions;
    const capacity = limit - this.activitiesRunning;
    // Receive in batches: waiting for a quarter of the slots saves a queue round trip per activity.
    if (capacity <= 0 || (this.activitiesRunning > 0 && capacity < Math.ceil(limit / 4))) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
      return true;
    }
    const visibility = this.settings.workItemQueueVisibilityTimeoutInMs;
    const items = await this.store.workItems.receive(Math.min(32, capacity), visibility) as ReceivedMessage<WorkItem>[];
    for (const item of items) {
      this.activitiesRunning++;
      void this.runWorkItem(item, visibility).finally(() => {
        this.activitiesRunning--;
        this.slotWaiters.shift()?.();
      });
    }
    return items.length > 0;
  }

  private async runWorkItem(item: ReceivedMessage<WorkItem>, visibilityInMs: number): Promise<void> {
    const w = item.body;
    const renew = setInterval(() => { void this.store.workItems.extend(item, visibilityInMs).catch(() => undefined); }, visibilityInMs / 2);
    try {
      const outcome = await runActivity(this.registry, this.invoke, w.name, w.input);
      if (!outcome.ok) this.log.error(`activity ${w.name} failed: ${outcome.reason}`, undefined, { functionName: w.name });
      const event = outcome.ok
        ? { EventType: EventType.TaskCompleted, TaskScheduledId: w.taskId, Result: outcome.result }
        : { EventType: EventType.TaskFailed, TaskScheduledId: w.taskId, Reason: outcome.reason, Details: outcome.details,
          ...(outcome.failureDetails ? { FailureDetails: outcome.failureDetails } : {}) };
      await this.send({ control: [{ message: { kind: 'event', instanceId: w.instanceId, executionId: w.executionId, event }, delayInMs: 0 }], work: [] });
      await this.store.workItems.delete(item);
    } catch (error) {
      this.log.error(`work item for ${w.name} (instance ${w.instanceId}) failed; it will be redelivered`, error);
    } finally {
      clearInterval(renew);
    }
  }
}
