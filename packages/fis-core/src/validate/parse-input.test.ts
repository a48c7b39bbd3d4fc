import { describe, expect, it } from 'vitest';
import { resolvePointer } from './json-pointer';
import { parseInput } from './parse-input';

describe('parseInput', () => {
  it('reads JSON first', () => {
    expect(parseInput('{"a": 1}')).toEqual({ ok: true, value: { a: 1 }, format: 'json' });
  });

  it('reads CloudFormation YAML with short-form intrinsics as their long form', () => {
    const text = [
      'Resources:',
      '  T:',
      '    Type: AWS::FIS::ExperimentTemplate',
      '    Properties:',
      '      RoleArn: !GetAtt FisRole.Arn',
      '      Description: !Sub "Stop ${Env}"',
      '      Other: !Join [",", [a, b]]',
      '      Name: !Ref Env',
      '      Cond: !If [IsProd, !Ref A, !Ref B]',
    ].join('\n');
    const parsed = parseInput(text);
    expect(parsed).toMatchObject({ ok: true, format: 'yaml' });
    const properties = resolvePointer((parsed as { value: unknown }).value, '/Resources/T/Properties');
    expect(properties).toEqual({
      RoleArn: { 'Fn::GetAtt': ['FisRole', 'Arn'] },
      Description: { 'Fn::Sub': 'Stop ${Env}' },
      Other: { 'Fn::Join': [',', ['a', 'b']] },
      Name: { Ref: 'Env' },
      Cond: { 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'B' }] },
    });
  });

  it('keeps a YAML __proto__ key as a plain own property', () => {
    const parsed = parseInput('__proto__:\n  polluted: true\n') as { ok: true; value: object };
    expect(Object.hasOwn(parsed.value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says why text is neither JSON nor YAML', () => {
    const parsed = parseInput('{"a": ');
    expect(parsed.ok).toBe(false);
    expect((parsed as { message: string }).message).toMatch(/neither valid JSON .* nor valid YAML/);
    expect(parseInput('   ')).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
  });

  it('refuses absurd nesting quickly', () => {
    const parsed = parseInput(`${'['.repeat(5000)}${']'.repeat(4999)}`);
    expect(parsed).toMatchObject({ ok: false, message: expect.stringContaining('levels deep') });
  });

  it('says where a comment is in JSON with comments, instead of reading it as YAML', () => {
    const text = '{\n  // the experiment role\n  "description": "x", "url": "http://a/b"\n}';
    expect(parseInput(text)).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^The input is JSON with a comment at line 2, column 3 \(\/\/ the experiment role\); JSON has no comments/,
      ),
      suggestion: 'remove the // and /* */ comments',
    });
    expect(parseInput('/* header */ {"a": 1}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('line 1, column 1 (/* header */);'),
    });
    // "//" inside a string is no comment, and YAML with URLs stays YAML
    expect(parseInput('{"url": "http://a//b"}')).toMatchObject({ ok: true, format: 'json' });
    expect(parseInput('url: http://a//b')).toMatchObject({ ok: true, format: 'yaml' });
  });

  it('reports a YAML block sequence too deep for the parser as too deep, not as a stack overflow', () => {
    const parsed = parseInput(`${'- '.repeat(3000)}x`);
    expect(parsed).toMatchObject({ ok: false, message: expect.stringContaining('nested too deeply') });
    expect((parsed as { message: string }).message).not.toMatch(/call stack/);
  });
});
