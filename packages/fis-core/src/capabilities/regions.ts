import { FisCoreError, FisCoreErrorCode } from '../errors';

/**
 * Shape of an AWS region name: a partition prefix, a direction, a number (`us-east-1`,
 * `us-gov-west-1`, `us-iso-east-1`, `eusc-de-east-1`). Lower case only, nothing else around it.
 */
const REGION_PATTERN =
  /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob|us-isof|eu-isoe|eusc)-[a-z]+(?:-[a-z]+)?-\d{1,2}$/;

/** Longer than any real region name; checked before the pattern. */
const MAX_REGION_LENGTH = 32;

/** True when `value` looks like a real AWS region name. Never throws. */
export function isRegionName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REGION_LENGTH && REGION_PATTERN.test(value);
}

/**
 * Throws unless `region` looks like a real AWS region name. Region names become part of cache file
 * names, so this runs before any file system access: it refuses path fragments (`../x`), empty
 * strings, upper case, control characters and overlong input.
 *
 * @throws {FisCoreError} with code `InvalidRegion`.
 *
 * @example
 * assertRegion('eu-west-1'); // ok
 * assertRegion('../etc');    // throws FisCoreError(InvalidRegion)
 */
export function assertRegion(region: unknown): asserts region is string {
  if (isRegionName(region)) return;
  const shown =
    typeof region === 'string'
      ? JSON.stringify(region.length > 40 ? `${region.slice(0, 40)}…` : region)
      : `a value of type ${region === null ? 'null' : typeof region}`;
  throw new FisCoreError(
    FisCoreErrorCode.InvalidRegion,
    `${shown} is not an AWS region name: pass a region such as "us-east-1" or "eu-west-1" (lower case, as AWS writes it).`,
    { data: { region: typeof region === 'string' ? region.slice(0, 100) : undefined } },
  );
}
