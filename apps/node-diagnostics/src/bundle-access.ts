import { type BundleSource, openBundle } from '@faultline/eks-node-diagnostics';
import type { ServerDeps } from './deps';

/** Opens a bundle named by a tool input, inside the configured roots or from S3. */
export function open(deps: ServerDeps, ref: string): Promise<BundleSource> {
  return openBundle(ref, { roots: deps.bundleRoots, s3: deps.aws.s3 });
}
