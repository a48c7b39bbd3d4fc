import { parseArn } from '../arn';
import { isRecord, own, type RecordValue } from '../values';

const PRODUCTION_VALUE = /^(prod|production|prd|live)$/i;
const ENVIRONMENT_KEY = /^(env|environment|stage|tier|deployment[-_]?env)$/i;
const ENVIRONMENT_VALUE = /(?:^|[^a-z0-9])(prod|production|prd|live)(?:[^a-z0-9]|$)/i;
/** In names and ARNs only the unambiguous words count (`live` is too common there: live-stream, alive). */
const PRODUCTION_WORD = /(?:^|[^a-z0-9])(prod|production|prd)(?:[^a-z0-9]|$)/i;

/**
 * Why a target looks like production, or `undefined`: a tag value such as prod/production/live,
 * an environment-like tag key (env, environment, stage) with such a value, or an ARN, parameter or
 * filter value containing the word.
 */
export function productionHint(
  target: RecordValue,
  names: {
    resourceTags: string;
    resourceArns: string;
    parameters: string;
    filters: string;
    filterValues: string;
  },
): string | undefined {
  const tags = own(target, names.resourceTags);
  if (isRecord(tags)) {
    for (const [key, value] of Object.entries(tags)) {
      if (typeof value !== 'string') continue;
      if (PRODUCTION_VALUE.test(value) || (ENVIRONMENT_KEY.test(key) && ENVIRONMENT_VALUE.test(value))) {
        return `its tag ${key}=${value} suggests production`;
      }
    }
  }
  const arns = own(target, names.resourceArns);
  if (Array.isArray(arns)) {
    for (const item of arns) {
      if (typeof item !== 'string') continue;
      const resource = parseArn(item)?.resource ?? item;
      if (PRODUCTION_WORD.test(resource)) return `its ARN ${item} suggests production`;
    }
  }
  const parameters = own(target, names.parameters);
  if (isRecord(parameters)) {
    for (const [key, value] of Object.entries(parameters)) {
      if (typeof value === 'string' && PRODUCTION_WORD.test(value))
        return `its parameter ${key}=${value} suggests production`;
    }
  }
  const filters = own(target, names.filters);
  if (Array.isArray(filters)) {
    for (const filter of filters) {
      const values = isRecord(filter) ? own(filter, names.filterValues) : undefined;
      if (!Array.isArray(values)) continue;
      const hit = values.find((v) => typeof v === 'string' && PRODUCTION_WORD.test(v));
      if (hit !== undefined) return `its filter value ${String(hit)} suggests production`;
    }
  }
  return undefined;
}
