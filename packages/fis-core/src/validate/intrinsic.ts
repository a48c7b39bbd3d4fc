import { isRecord } from './values';

/**
 * True for a CloudFormation intrinsic function or reference: an object with a single key that is
 * `Ref`, `Condition` or `Fn::*` (`{ "Fn::Sub": "…" }`, `{ "Fn::GetAtt": ["Role", "Arn"] }`). Such values
 * are resolved by CloudFormation at deploy time, so the validator accepts them where a value is
 * expected and does not check their content.
 */
export function isIntrinsic(value: unknown): boolean {
  if (!isRecord(value)) return false;
  let key: string | undefined;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (key !== undefined) return false;
    key = k;
  }
  return key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}
