/**
 * Azure public-cloud regions the spec accepts, by their ARM `location` name, and whether each
 * offers availability zones. A small catalogue kept in the domain so validation needs no call to
 * Azure; a region missing here is reported as unknown rather than failing later at deploy time.
 */
export const AZURE_REGIONS = {
  eastus: { zones: true }, eastus2: { zones: true }, centralus: { zones: true },
  southcentralus: { zones: true }, westus2: { zones: true }, westus3: { zones: true },
  westus: { zones: false }, northcentralus: { zones: false }, westcentralus: { zones: false },
  canadacentral: { zones: true }, canadaeast: { zones: false }, brazilsouth: { zones: true },
  brazilsoutheast: { zones: false }, mexicocentral: { zones: true },
  northeurope: { zones: true }, westeurope: { zones: true }, uksouth: { zones: true },
  ukwest: { zones: false }, francecentral: { zones: true }, francesouth: { zones: false },
  germanywestcentral: { zones: true }, germanynorth: { zones: false }, swedencentral: { zones: true },
  switzerlandnorth: { zones: true }, switzerlandwest: { zones: false }, norwayeast: { zones: true },
  norwaywest: { zones: false }, polandcentral: { zones: true }, italynorth: { zones: true },
  spaincentral: { zones: true }, israelcentral: { zones: true }, qatarcentral: { zones: true },
  uaenorth: { zones: true }, uaecentral: { zones: false }, southafricanorth: { zones: true },
  southafricawest: { zones: false }, centralindia: { zones: true }, southindia: { zones: false },
  westindia: { zones: false }, eastasia: { zones: true }, southeastasia: { zones: true },
  japaneast: { zones: true }, japanwest: { zones: true }, koreacentral: { zones: true },
  koreasouth: { zones: false }, australiaeast: { zones: true }, australiasoutheast: { zones: false },
  australiacentral: { zones: false }, newzealandnorth: { zones: true },
} as const satisfies Record<string, { zones: boolean }>;

/** An ARM location name from the catalogue. */
export type AzureRegion = keyof typeof AZURE_REGIONS;

/** The catalogue's region names, sorted, for enums and messages. */
export const AZURE_REGION_NAMES = Object.keys(AZURE_REGIONS).sort() as [AzureRegion, ...AzureRegion[]];

/** Whether the region offers availability zones (false for names outside the catalogue). */
export function regionHasZones(region: string): boolean {
  return Object.hasOwn(AZURE_REGIONS, region) && AZURE_REGIONS[region as AzureRegion].zones;
}
