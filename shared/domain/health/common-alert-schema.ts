import { z } from 'zod';

/**
 * Azure Monitor's common alert schema, as much of it as matching and recording need. Unknown
 * fields are kept out (not rejected): the schema grows, and the alert context differs per
 * monitoring service. Errors name the JSON path of each problem.
 */
export const CommonAlertSchema = z.object({
  schemaId: z.literal('azureMonitorCommonAlertSchema', { error: 'must be "azureMonitorCommonAlertSchema" (enable the common alert schema on the action group)' }),
  data: z.object({
    essentials: z.object({
      alertId: z.string().min(1),
      alertRule: z.string().min(1),
      severity: z.string().regex(/^Sev[0-4]$/, 'must be Sev0 to Sev4'),
      signalType: z.string().min(1),
      monitorCondition: z.enum(['Fired', 'Resolved']),
      monitoringService: z.string().min(1),
      alertTargetIDs: z.array(z.string().min(1)).min(1),
      configurationItems: z.array(z.string()).optional(),
      originAlertId: z.string().optional(),
      firedDateTime: z.string().optional(),
      resolvedDateTime: z.string().optional(),
      description: z.string().optional(),
    }),
    alertContext: z.unknown().optional(),
    customProperties: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

export type CommonAlert = z.output<typeof CommonAlertSchema>;

/** One problem with an alert payload: where and what. */
export interface AlertIssue {
  path: string;
  message: string;
}

/** Parses a payload; returns the alert or every problem with its JSON path. */
export function parseCommonAlert(payload: unknown): { ok: true; alert: CommonAlert } | { ok: false; issues: AlertIssue[] } {
  const result = CommonAlertSchema.safeParse(payload);
  if (result.success) return { ok: true, alert: result.data };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: i.path.length ? `$.${i.path.join('.')}` : '$', message: i.message })) };
}
