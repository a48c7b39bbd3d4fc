import { describe, expect, it } from 'vitest';
import { findPlaceholders } from './placeholders';

describe('findPlaceholders', () => {
  it.each([
    ['arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR ROLE NAME>', ['<YOUR AWS ACCOUNT>', '<YOUR ROLE NAME>']],
    ['arn:aws:ssm:<region>::document/x', ['<region>']],
    ['arn:aws:iam::${AWS::AccountId}:role/x', ['${AWS::AccountId}']],
    ['arn:aws:ssm:{{ aws:region }}:1:document/x', ['{{ aws:region }}']],
    ['REPLACE_ME', ['REPLACE_ME']],
    ['TODO: describe the experiment', ['TODO']],
    ['arn:aws:iam::123456789012:role/YOUR_ROLE_NAME', ['YOUR_ROLE_NAME']],
    ['arn:aws:iam::XXXXXXXXXXXX:role/FisRole', ['XXXXXXXXXXXX']],
  ])('finds the placeholders in %s', (text, expected) => {
    expect(findPlaceholders(text)).toEqual(expected);
  });

  it.each([
    'arn:aws:iam::123456789012:role/FisExperimentRole',
    'Stop one instance for 5 minutes',
    'latency < 200 ms',
    'app=web',
  ])('finds none in %s', (text) => {
    expect(findPlaceholders(text)).toEqual([]);
  });

  it('accepts CloudFormation dynamic references only when asked', () => {
    expect(findPlaceholders('{{resolve:ssm:/fis/role}}')).toEqual(['{{resolve:ssm:/fis/role}}']);
    expect(findPlaceholders('{{resolve:ssm:/fis/role}}', { allowDynamicReferences: true })).toEqual([]);
  });
});
