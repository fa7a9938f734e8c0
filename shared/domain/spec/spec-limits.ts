/**
 * Upper bounds of a cluster spec. Without them a 256 KiB request body could ask for hundreds of
 * thousands of nodes, keyspaces or NSG prefixes, and every later step (planning, recording
 * nodes, ARM calls) would pay for it. Each error message names the limit it enforces.
 */
export const SPEC_LIMITS = {
  /** DCs of one cluster; every pair of DCs is peered, so the peerings grow with the square. */
  datacenters: 10,
  /** Nodes in one DC: a /24 data subnet holds them with the load balancer (256 - 5 reserved - 1). */
  nodesPerDatacenter: 250,
  /** Nodes of the whole cluster: each one is a VM, a NIC, a disk and a join step of the deployment. */
  totalNodes: 1000,
  /** Keyspaces created at deploy time, one schema change each; more belong to the app's migrations. */
  keyspaces: 100,
  /**
   * Azure allows 50 tags on a resource, and the product adds its own `autopilot-cluster` tag to
   * the user's (plan-topology.ts), so the user may give one fewer.
   */
  userTags: 49,
  /** Azure's limits on a tag's name and value. */
  tagNameChars: 512,
  tagValueChars: 256,
  /**
   * Prefixes of one allowed-source list. Each list is one augmented NSG rule in every DC's data
   * NSG, next to one app and one data subnet per DC; Azure allows 4,000 prefixes across an NSG's
   * rules, so 50 per list leaves ample room, and a longer list usually means a wider prefix.
   */
  allowedCidrs: 50,
  /** Marketplace image publisher, offer, SKU and version names are short; this is generous. */
  osImageFieldChars: 128,
  /** An OpenSSH line for the largest RSA key (16,384 bits) is under 3 KiB; 16 KiB leaves room for a comment. */
  sshPublicKeyChars: 16 * 1024,
  /** The URL of the spec's JSON Schema. */
  schemaUrlChars: 2048,
  /** Azure VM size names are under 40 characters. */
  vmSizeChars: 64,
  /** "255.255.255.255/32" is the longest IPv4 CIDR. */
  cidrChars: 18,
  /** A six-field NCRONTAB expression. */
  scheduleChars: 128,
} as const;
