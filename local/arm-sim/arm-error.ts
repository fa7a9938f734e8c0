/**
 * ARM's error catalog as the simulator speaks it: each code with the HTTP status Azure answers
 * with. Bodies follow ARM's `{ error: { code, message, target?, details? } }` shape, which the
 * SDK turns into a RestError whose `code` and `message` are these.
 */
export const ARM_ERROR_STATUS = {
  AuthenticationFailed: 401,
  InvalidAuthenticationToken: 401,
  MissingApiVersionParameter: 400,
  InvalidApiVersionParameter: 400,
  InvalidRequestContent: 400,
  InvalidParameter: 400,
  InvalidResourceGroupLocation: 409,
  InvalidResourceReference: 400,
  PrivateIPAddressInUse: 400,
  PrivateIPAddressNotInSubnet: 400,
  NetcfgInvalidSubnet: 400,
  InUseSubnetCannotBeDeleted: 400,
  InUseNetworkSecurityGroupCannotBeDeleted: 400,
  NicInUse: 400,
  SubnetIsFull: 400,
  SecurityRuleConflict: 400,
  PublicIPAddressCannotBeDeleted: 400,
  PublicIPAddressInUse: 400,
  VirtualNetworkGatewayCannotBeDeleted: 400,
  ReferencedResourceNotProvisioned: 400,
  VnetAddressSpacesOverlap: 400,
  InUseSubnetCannotBeUpdated: 400,
  SkuNotAvailable: 409,
  OperationNotAllowed: 409,
  Conflict: 409,
  AllocationFailed: 409,
  VMExtensionProvisioningError: 409,
  ResourceNotFound: 404,
  ResourceGroupNotFound: 404,
  NotFound: 404,
  InvalidResourceType: 404,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalServerError: 500,
  InternalExecutionError: 500,
} as const;

/** A code in the catalog. */
export type ArmErrorCode = keyof typeof ARM_ERROR_STATUS;

/** An error the simulator answers with; `status` defaults to the catalog's status for `code`. */
export class ArmError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown[];
  readonly headers: Record<string, string>;

  /** `code` is one of the catalog's, or (for injected faults) any code with an explicit or 500 status. */
  constructor(code: ArmErrorCode | (string & {}), message: string, options: { status?: number; details?: unknown[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'ArmError';
    this.code = code;
    this.status = options.status ?? (ARM_ERROR_STATUS as Record<string, number>)[code] ?? 500;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }

  /** The JSON body ARM sends with this error. */
  toBody(): { error: { code: string; message: string; details: unknown[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** A `ResourceNotFound` for an id, with ARM's wording. */
export function resourceNotFound(type: string, name: string, resourceGroup: string): ArmError {
  return new ArmError('ResourceNotFound', `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found.`);
}

/** A `ResourceGroupNotFound` with ARM's wording. */
export function resourceGroupNotFound(resourceGroup: string): ArmError {
  return new ArmError('ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
}

/** An `InvalidParameter` naming the offending field. */
export function invalidParameter(target: string, message: string): ArmError {
  return new ArmError('InvalidParameter', `${message} Target: '${target}'.`, { details: [{ code: 'InvalidParameter', target, message }] });
}
