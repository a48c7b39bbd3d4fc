import { assertRegion } from '@faultline/fis-core';
import { z } from 'zod';
import type { ServerDeps } from './deps';

/** The optional `region` argument every tool takes. */
export const regionArgument = z
  .string()
  .max(32)
  .optional()
  .describe('AWS Region, e.g. us-east-1. Defaults to the server’s AWS_REGION (else us-east-1).');

/** The region a call works in: the argument, else the server's default; refused if not a region name. */
export function resolveRegion(deps: ServerDeps, region: string | undefined): string {
  const value = region ?? deps.defaultRegion;
  assertRegion(value);
  return value;
}
