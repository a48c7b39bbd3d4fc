/** Longest label kept in an artifact file name, in characters. */
export const MAX_ARTIFACT_LABEL = 64;

/**
 * A file name for an artifact of a run, from a label that comes from a scenario or an assistant
 * (a command's name): only `A-Z a-z 0-9 _ -` survive, so no `/`, `..`, NUL or URL-encoded traversal
 * can reach the file system, and the label is cut to {@link MAX_ARTIFACT_LABEL} characters so the
 * name always fits a file system's 255-byte limit.
 *
 * @example
 * commandOutputFile(1, 'remedy', '../../etc/passwd'); // 'commands/01-remedy-______etc_passwd.txt'
 */
export function commandOutputFile(index: number, phase: string, label: unknown): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_ARTIFACT_LABEL);
  // a label that is not text (an assistant's JSON can hold anything, even `{ toString: null }`) gets the default
  const name =
    (typeof label === 'string' || typeof label === 'number' ? safe(String(label)) : '') || 'command';
  return `commands/${String(Math.max(0, Math.trunc(index))).padStart(2, '0')}-${safe(phase) || 'phase'}-${name}.txt`;
}
