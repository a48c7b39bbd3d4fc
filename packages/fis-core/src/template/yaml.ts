const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_:./-]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

function key(name: string): string {
  return PLAIN_KEY.test(name) && !RESERVED.test(name) && !name.endsWith(':') ? name : JSON.stringify(name);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(String(value));
}

function emit(value: unknown, indent: string, lines: string[], prefix: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${prefix}[]`);
      return;
    }
    if (prefix) lines.push(prefix.trimEnd());
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
        const entries = Object.entries(item as Record<string, unknown>);
        const [firstKey, firstValue] = entries[0] as [string, unknown];
        emitEntry(firstKey, firstValue, `${indent}  `, lines, `${indent}- `);
        for (const [k, v] of entries.slice(1)) emitEntry(k, v, `${indent}  `, lines, `${indent}  `);
      } else {
        emit(item, `${indent}  `, lines, `${indent}- `);
      }
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) {
      lines.push(`${prefix}{}`);
      return;
    }
    if (prefix) lines.push(prefix.trimEnd());
    for (const [k, v] of entries) emitEntry(k, v, indent, lines, indent);
    return;
  }
  lines.push(`${prefix}${scalar(value)}`);
}

function emitEntry(name: string, value: unknown, indent: string, lines: string[], lead: string): void {
  const isContainer = value !== null && typeof value === 'object';
  const empty = isContainer && Object.keys(value as object).length === 0;
  if (isContainer && !empty) {
    lines.push(`${lead}${key(name)}:`);
    emit(value, `${indent}  `, lines, '');
  } else {
    emit(value, indent, lines, `${lead}${key(name)}: `);
  }
}

/**
 * Writes JSON-compatible data as block-style YAML. Strings are always double-quoted (JSON escapes
 * are valid YAML), so no value can change meaning (`no`, `1e3`, `0755`). Small and dependency-free,
 * so producing a CloudFormation template loads no YAML library.
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emit(value, '', lines, '');
  return `${lines.join('\n')}\n`;
}
