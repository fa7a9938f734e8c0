/** The documented VM metric alert (Azure Monitor common alert schema sample), target lower-cased as Azure sends it. */
export function vmAlert(targetId: string, condition: 'Fired' | 'Resolved' = 'Fired') {
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.AlertsManagement/alerts/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e',
        alertRule: 'vm-availability', severity: 'Sev1', signalType: 'Metric', monitorCondition: condition, monitoringService: 'Platform',
        alertTargetIDs: [targetId], configurationItems: ['x'], originAlertId: 'o', firedDateTime: '2026-03-22T13:58:24.3713213Z',
        description: '', essentialsVersion: '1.0', alertContextVersion: '1.0',
      },
      alertContext: { conditionType: 'SingleResourceMultipleMetricCriteria', condition: { windowSize: 'PT5M', allOf: [{ metricName: 'VmAvailabilityMetric', operator: 'LessThan', threshold: '1', metricValue: 0 }] } },
      customProperties: null,
    },
  };
}

