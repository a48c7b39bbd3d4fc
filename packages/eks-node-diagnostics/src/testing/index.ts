// Test helpers of @faultline/eks-node-diagnostics, at the "./testing" subpath: a generator of
// realistic EKS log collector bundles with planted failure signatures.
export {
  type GenerateBundleOptions,
  type GeneratedBundle,
  generateBundle,
  injectionNames,
} from './generate-bundle';
export type { GeneratedNode } from './healthy-state';
export { allInjections, type Injection } from './injections';
