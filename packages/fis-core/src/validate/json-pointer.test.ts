import { describe, expect, it } from 'vitest';
import { child, escapePointerToken, parsePointer, ROOT, resolvePointer } from './json-pointer';

describe('JSON Pointer helpers', () => {
  it('escapes ~ and / in tokens (RFC 6901)', () => {
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
    expect(parsePointer('/targets/a~1b~0c/0')).toEqual(['targets', 'a/b~c', '0']);
  });

  it('builds a pointer and a dotted label together', () => {
    const at = child(child(child(ROOT, 'stopConditions'), 0), 'value');
    expect(at).toEqual({ path: '/stopConditions/0/value', label: 'stopConditions[0].value' });
  });

  it('resolves only own properties', () => {
    const document = JSON.parse('{"actions":{"a/b":{"actionId":"aws:fis:wait"}},"list":[1,2]}');
    expect(resolvePointer(document, '/actions/a~1b/actionId')).toBe('aws:fis:wait');
    expect(resolvePointer(document, '/list/1')).toBe(2);
    expect(resolvePointer(document, '/list/01')).toBeUndefined();
    expect(resolvePointer(document, '/constructor')).toBeUndefined();
    expect(resolvePointer(document, '')).toBe(document);
  });
});
