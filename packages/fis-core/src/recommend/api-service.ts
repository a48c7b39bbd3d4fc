import type { CatalogAction } from '../catalog/types';
import { type FindingAnalysis, NAMED } from './finding-analysis';
import type { SignalDefinition } from './knowledge/types';

function distance(a: readonly number[] | undefined, b: readonly number[]): number {
  if (!a?.length || b.length === 0) return Number.POSITIVE_INFINITY;
  let best = Number.POSITIVE_INFINITY;
  for (const x of a) for (const y of b) best = Math.min(best, Math.abs(x - y));
  return best;
}

/**
 * The AWS API the finding's symptom is about, of the services it names outright (contexts with an
 * `apiNamespace`): one whose own words express the symptom ("reserved concurrency" is Lambda's
 * throttling even when SQS is named too); else a managed service over the platform the code runs
 * on ("ThrottlingException from DynamoDB" in an app on EC2 or EKS is DynamoDB's); then the one
 * whose words stand nearest the symptom's, then the stronger. `undefined` when it names none.
 */
export function apiSubject(
  analysis: FindingAnalysis,
  contexts: readonly SignalDefinition[],
  symptomId: string | undefined,
): string | undefined {
  const near = (symptomId && analysis.symptoms.get(symptomId)?.positions) || [];
  const ranked = contexts
    .filter((d) => d.apiNamespace && (analysis.contexts.get(d.id)?.score ?? 0) >= NAMED)
    .map((d) => {
      const found = analysis.contexts.get(d.id);
      return { d, gap: distance(found?.positions, near), score: found?.score ?? 0 };
    })
    .sort(
      (a, b) =>
        Number(a.gap !== 0) - Number(b.gap !== 0) ||
        Number(b.d.managed === true) - Number(a.d.managed === true) ||
        a.gap - b.gap ||
        b.score - a.score,
    );
  return ranked[0]?.d.apiNamespace;
}

/** The `service` an API-error action should get, or why FIS cannot reach the API the finding is about. */
export type ApiServiceFit =
  | { ok: true; service: string; changed: boolean }
  | { ok: false; limitation: string };

function list(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/**
 * For an action that injects errors into AWS API calls (one with an enum `service` parameter, such
 * as aws:fis:inject-api-throttle-error): the API namespace to inject into. The catalog lists the
 * namespaces the action supports; the namespace must also be the API the finding is about (see
 * {@link apiSubject}), or the experiment faults an API nobody in the incident called. Without a
 * subject the preset (from the failure mode) or the catalog's first namespace is used. When the
 * subject is a namespace the action cannot reach, there is no fit, and the limitation says so in
 * words. `undefined` for actions without such a parameter.
 */
export function fitApiService(
  action: CatalogAction,
  preset: string | undefined,
  subject: string | undefined,
): ApiServiceFit | undefined {
  const parameter = action.parameters.find((p) => p.name === 'service' && p.type === 'enum');
  const allowed = parameter?.allowed ?? [];
  if (allowed.length === 0) return undefined;
  const wanted = subject ?? preset;
  if (wanted === undefined) return { ok: true, service: allowed[0] as string, changed: false };
  if (allowed.includes(wanted)) return { ok: true, service: wanted, changed: wanted !== preset };
  const what = /^Returns (.+?) for /.exec(action.description)?.[1] ?? 'errors';
  return {
    ok: false,
    limitation: `FIS cannot return ${what} from ${wanted} API calls: ${action.id} injects only into the ${list(allowed)} APIs, so no FIS action reproduces this directly.`,
  };
}

/**
 * Presets of an action adjusted to the finding: the `service` of an API-error action set to the
 * API the finding names. `null` when the action cannot reach that API (the limitation is noted).
 */
export function fitPresets(
  action: CatalogAction,
  presets: Readonly<Record<string, string>> | undefined,
  subject: string | undefined,
  onLimitation: (text: string) => void,
): { presets?: Record<string, string>; notes: string[] } | null {
  const fit = fitApiService(action, presets?.service, subject);
  if (fit && !fit.ok) {
    onLimitation(fit.limitation);
    return null;
  }
  if (fit?.changed) {
    return {
      presets: { ...presets, service: fit.service },
      notes: [`It injects into the ${fit.service} API, the one the finding is about.`],
    };
  }
  return { ...(presets && { presets: { ...presets } }), notes: [] };
}
