import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKeys } from './duplicate-keys';
import { parseInput } from './parse-input';
import { ec2Template } from './test-fixtures';
import { validateTemplate } from './validate-template';

describe('findDuplicateJsonKeys', () => {
  it('finds a key written twice in one object, with its pointer and lines', () => {
    const text = '{\n  "a": { "d": 1,\n    "d": 2 },\n  "b": [ { "x": 1, "x": 2 } ],\n  "a": 3\n}';
    expect(findDuplicateJsonKeys(text)).toEqual([
      { key: 'd', path: '/a/d', lines: [2, 3] },
      { key: 'x', path: '/b/0/x', lines: [4, 4] },
      { key: 'a', path: '/a', lines: [2, 5] },
    ]);
  });

  it('does not confuse values, escaped quotes or the same key in different objects with duplicates', () => {
    expect(findDuplicateJsonKeys('{"a": "a", "b": {"a": "\\"a\\""}, "c": [{"a": 1}, {"a": 2}]}')).toEqual([]);
  });
});

describe('duplicate keys in template text', () => {
  it('YAML: notes the key and its lines, the last value is read', () => {
    const parsed = parseInput('description: first\nroleArn: x\ndescription: second\n');
    expect(parsed).toMatchObject({
      ok: true,
      value: { description: 'second' },
      duplicateKeys: [{ key: 'description', path: '/description', lines: [1, 3] }],
    });
  });

  it('validateTemplate warns, naming the key and the lines, instead of reading the last one silently', () => {
    const template = ec2Template();
    const text = JSON.stringify(template, null, 2).replace(
      '"startInstancesAfterDuration": "PT10M"',
      '"startInstancesAfterDuration": "PT10M",\n        "startInstancesAfterDuration": "PT13H"',
    );
    const result = validateTemplate(text);
    const duplicate = result.warnings.find((w) => w.code === 'DUPLICATE_KEY');
    expect(duplicate).toMatchObject({
      path: '/actions/stop/parameters/startInstancesAfterDuration',
      suggestion: 'keep one "startInstancesAfterDuration" key',
    });
    expect(duplicate?.message).toMatch(
      /^actions\.stop\.parameters\.startInstancesAfterDuration is written 2 times in the same object \(lines \d+ and \d+\); only the last one \(line \d+\) is read/,
    );
    // the value read is the last one, and it is checked as such
    expect(result.errors.map((e) => e.code)).toEqual(['DURATION_OUT_OF_RANGE']);
  });

  it('says nothing for text without duplicates', () => {
    expect(validateTemplate(JSON.stringify(ec2Template())).warnings).toEqual([]);
  });
});
