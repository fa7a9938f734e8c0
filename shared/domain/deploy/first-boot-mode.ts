/**
 * How a brand-new cluster's nodes first start: `parallel` (the default) starts them together from
 * planner-assigned tokens without bootstrap; `ordered` joins them one at a time, each bootstrapping
 * with tokens Cassandra allocates (the path every node added later takes anyway).
 */
export const FIRST_BOOT_MODES = ['parallel', 'ordered'] as const;

/** One of FIRST_BOOT_MODES. */
export type FirstBootMode = (typeof FIRST_BOOT_MODES)[number];
