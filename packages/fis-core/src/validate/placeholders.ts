/**
 * Placeholder text people leave in templates:
 * - `<YOUR AWS ACCOUNT>`, `<region>`, `<account-id>`: angle-bracket placeholders (AWS's template library, docs);
 * - `${AccountId}`: shell/Terraform/CloudFormation interpolation that nothing will resolve here
 *   (inside a CloudFormation `Fn::Sub` it is fine, and is never scanned);
 * - `{{ aws:region }}`: template-engine or SSM-style variables, which FIS does not substitute;
 * - `REPLACE_ME`, `CHANGE_ME`, `TODO`, `FIXME`, `TBD`, `YOUR_ROLE_NAME`, `XXXXXXXXXXXX`.
 *
 * Documentation example values such as the account `123456789012` are real, valid values and are
 * not placeholders.
 */
const PLACEHOLDER =
  /<[A-Za-z][^<>\n]{0,80}>|\$\{[^{}\n]{1,80}\}|\{\{[^{}\n]{1,80}\}\}|\b(?:REPLACE[_-]?ME|CHANGE[_-]?ME|TODO|FIXME|TBD)\b|\bYOUR[_-][A-Z0-9][A-Z0-9_-]{0,60}|\b[Xx]{8,40}\b/g;

/** Cheap pre-test: a string without any of these characters or words holds no placeholder. */
const HINT = /[<$]|\{\{|TODO|TBD|FIXME|ME\b|YOUR|[Xx]{8}/;

/** Options of {@link findPlaceholders}. */
export interface FindPlaceholdersOptions {
  /**
   * Accept CloudFormation dynamic references (`{{resolve:ssm:/name}}`), which CloudFormation
   * resolves at deploy time. Default: false.
   */
  allowDynamicReferences?: boolean;
}

/**
 * The placeholder texts in a string, in order of appearance.
 *
 * @example
 * findPlaceholders('arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR ROLE NAME>'); // ['<YOUR AWS ACCOUNT>', '<YOUR ROLE NAME>']
 * findPlaceholders('arn:aws:iam::123456789012:role/FisRole'); // []
 */
export function findPlaceholders(text: string, options: FindPlaceholdersOptions = {}): string[] {
  if (!HINT.test(text)) return [];
  const found: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const value = match[0];
    if (options.allowDynamicReferences && /^\{\{\s*resolve:/.test(value)) continue;
    found.push(value);
  }
  return found;
}
