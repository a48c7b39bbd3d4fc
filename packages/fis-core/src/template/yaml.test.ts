import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from './yaml';

describe('toYaml', () => {
  it('round-trips through a real YAML parser', () => {
    const value = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Template: {
          Type: 'AWS::FIS::ExperimentTemplate',
          Properties: {
            Description: 'Stop: "one" instance\nthen wait',
            StopConditions: [
              { Source: 'none' },
              { Source: 'aws:cloudwatch:alarm', Value: 'arn:aws:cloudwatch:x' },
            ],
            Tags: { no: 'yes', 'key with space': '0755', empty: '' },
            Targets: {},
            List: [],
            Nested: [[1, 2], ['a']],
            Sub: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/x' },
            Flags: [true, 3.5, null],
          },
        },
      },
    };
    expect(parse(toYaml(value))).toEqual(value);
  });

  it('writes a scalar document', () => {
    expect(parse(toYaml('plain'))).toBe('plain');
  });
});
