import { stableId } from '@faultline/findings';
import type { Observation } from './run-types';

/** An observation whose id is `obs_…` over the scenario, the kind and the subject: stable across runs. */
export function observation(
  scenarioId: string,
  kind: string,
  subject: string,
  severity: Observation['severity'],
  message: string,
): Observation {
  return { id: stableId('obs', { scenario: scenarioId, kind, subject }), kind, severity, message };
}
