// The public contract of @faultline/findings. Anything exported here is public API: add with care.
export {
  type Evidence,
  EvidenceSchema,
  type Finding,
  type FindingInput,
  FindingInputSchema,
  FindingSchema,
} from './finding';
export { extractArns, normalizeFinding } from './normalize-finding';
export { compareSeverity, SEVERITIES, type Severity, SeveritySchema, toSeverity } from './severity';
export { canonicalJson, evidenceFingerprint, findingId, stableId } from './stable-id';
