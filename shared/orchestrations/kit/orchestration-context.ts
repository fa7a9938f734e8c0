import type { DurableOrchestrationContext, Task } from 'durable-functions';

/** The slice of the Durable context the orchestrations use (and unit tests fake). */
export type OrchestrationDf = Pick<DurableOrchestrationContext, 'instanceId' | 'currentUtcDateTime' | 'callActivityWithRetry'
  | 'callSubOrchestratorWithRetry' | 'createTimer' | 'setCustomStatus' | 'getInput' | 'Task' | 'continueAsNew' | 'waitForExternalEvent'>;

/** What every orchestration here receives: the Durable context, narrowed to what they use. */
export interface OrchestrationContextLike {
  df: OrchestrationDf;
}

/** The generator type every orchestration here has. */
export type Orchestration<T> = Generator<Task, T, unknown>;
