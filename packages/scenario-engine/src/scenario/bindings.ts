/** The form of a reference to a binding: `${name}`. `$${name}` stays literal text `${name}`. */
export const BINDING_REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

/** A binding value. */
export type BindingValue = string | number | boolean;

/** Names the engine binds only when a run starts; left as written while a file is parsed. */
export const LATE_BINDINGS: readonly string[] = ['run_id', 'run_dir'];

/** The outcome of {@link substitute}: the new value, and the names that had no value. */
export interface SubstitutionResult {
  value: BindingValue;
  missing: string[];
}

/**
 * Replaces every `${name}` in `text` with its binding. A text that is exactly one reference takes
 * the binding's own type (a number stays a number) unless `keepType` is false (quoted YAML). Names in `late` are left as they are.
 *
 * @example
 * substitute('http://127.0.0.1:${port}/mcp', { port: 8080 }).value; // 'http://127.0.0.1:8080/mcp'
 */
export function substitute(
  text: string,
  vars: Readonly<Record<string, BindingValue>>,
  late: readonly string[] = LATE_BINDINGS,
  keepType = true,
  budget?: SubstitutionBudget,
): SubstitutionResult {
  const missing: string[] = [];
  const whole = /^\$\{([A-Za-z_][A-Za-z0-9_.]*)\}$/.exec(text);
  if (whole && keepType) {
    const name = whole[1] as string;
    if (Object.hasOwn(vars, name)) return { value: vars[name] as BindingValue, missing };
  }
  const value = text.replace(BINDING_REFERENCE, (all, escaped: string, name: string) => {
    if (escaped) return all.slice(1);
    if (Object.hasOwn(vars, name)) {
      const replacement = String(vars[name]);
      if (budget) {
        budget.remaining -= replacement.length;
        if (budget.remaining < 0) {
          budget.exceeded = true;
          return '';
        }
      }
      return replacement;
    }
    if (!late.includes(name)) missing.push(name);
    return all;
  });
  return { value, missing };
}

/**
 * How many characters substitution may still insert. Bindings can refer to earlier bindings, so
 * ten references per line over nine lines would expand a 1 KB file to gigabytes (a "billion
 * laughs" through bindings); parsing shares one budget over the whole file and stops when it is spent.
 */
export interface SubstitutionBudget {
  remaining: number;
  exceeded?: boolean;
}

/** Applies {@link substitute} to every string inside a JSON-like value (used for late bindings). */
export function substituteDeep<T>(value: T, vars: Readonly<Record<string, BindingValue>>): T {
  if (typeof value === 'string') return substitute(value, vars, []).value as T;
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, vars)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, substituteDeep(v, vars)]),
    ) as T;
  }
  return value;
}

/**
 * Values of bindings from the environment: `FAULTLINE_BINDING_<NAME>` (the name as written, or in
 * upper case) overrides the binding `name` of the file.
 */
export function bindingsFromEnv(
  names: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[`FAULTLINE_BINDING_${name}`] ?? env[`FAULTLINE_BINDING_${name.toUpperCase()}`];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Coerces an override (always text) to the type of the file's default value. */
export function coerceOverride(override: string, fileValue: BindingValue | undefined): BindingValue {
  if (typeof fileValue === 'number' && override.trim() !== '' && Number.isFinite(Number(override))) {
    return Number(override);
  }
  if (typeof fileValue === 'boolean' && (override === 'true' || override === 'false'))
    return override === 'true';
  return override;
}
