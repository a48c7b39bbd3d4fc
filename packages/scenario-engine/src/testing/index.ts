// The public test helpers of @faultline/scenario-engine (`@faultline/scenario-engine/testing`).
// Anything exported here is public API: add with care.
export { type CannedCommandResult, RecordingCommandRunner } from './recording-command-runner';
export {
  type RecordedRemediationRequest,
  type RemediationApiDouble,
  type RemediationApiScript,
  type RemediationStreamFault,
  type RemediationStreamScript,
  startRemediationApiDouble,
} from './remediation-api-double';
