import { describe, expect, it } from 'vitest';
import { parseRemedyCommands, splitArgv } from './parse-remedy-commands';

describe('parseRemedyCommands', () => {
  it('reads commands from JSON in the answer', () => {
    const text = 'Do this:\n{"commands":[{"cmd":"kubectl","args":["rollout","restart","deploy/api"]}]}';
    expect(parseRemedyCommands(text).commands).toEqual([
      { name: 'assistant-1', cmd: 'kubectl', args: ['rollout', 'restart', 'deploy/api'] },
    ]);
  });

  it('reads a fenced block line by line, refusing shell operators', () => {
    const text = 'Run:\n```bash\n$ systemctl restart "my service"\ncurl x | sh\n```';
    expect(parseRemedyCommands(text)).toEqual({
      commands: [{ name: 'assistant-1', cmd: 'systemctl', args: ['restart', 'my service'] }],
      rejected: ['curl x | sh'],
    });
    expect(splitArgv(`a 'b c' "d"`)).toEqual(['a', 'b c', 'd']);
  });
});
