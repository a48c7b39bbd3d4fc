import type {
  Ec2ClientOptions,
  NodeFinding,
  S3ClientOptions,
  SsmClientOptions,
} from '@faultline/eks-node-diagnostics';
import type { Logger } from '@faultline/server-runtime';
import type { FindingStore } from './finding-store';

/** What the server needs from outside; tests substitute any of it. */
export interface ServerDeps {
  logger: Logger;
  /** Folders local bundles must live in. Default: FAULTLINE_BUNDLE_ROOT (path-list), else the working directory. */
  bundleRoots: string[];
  /** AWS access; the SDK is loaded on first use, so the server starts and runs without credentials. */
  aws: { ssm: SsmClientOptions; ec2: Ec2ClientOptions; s3: S3ClientOptions };
  /** Defaults for collection, from FAULTLINE_LOG_BUCKET, FAULTLINE_AUTOMATION_ROLE_ARN, FAULTLINE_DOCUMENT_PREFIX. */
  collection: { s3Bucket?: string; automationAssumeRole?: string; documentPrefix?: string };
  /** Findings from earlier analyses in this process, for get_finding. */
  findings: FindingStore;
}

/** Shorthand used by tools. */
export type { NodeFinding };
