import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderCloudFormation } from '../../scripts/generate-cloudformation';
import { FAULTLINE_DOCUMENTS } from './documents';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'automation');

interface AutomationDocument {
  schemaVersion: string;
  parameters: Record<string, { allowedPattern?: string }>;
  mainSteps: Array<{ action: string; inputs: { DocumentName: string; Parameters: { commands: string[] } } }>;
}

// Verbs that change a node. Our documents only read.
const MUTATING =
  /\b(?:rm|mv|cp|kill|pkill|reboot|shutdown|mkfs|dd|tee|curl|wget|chmod|chown|modprobe|insmod)\b|iptables\s+-[ADIFXPRNZ]\b|nft\s+(?:add|delete|flush|insert|replace)\b|systemctl\s+(?:start|stop|restart|reload|enable|disable|mask|kill)\b|sysctl\s+-w\b|ip\s+(?:route|rule|link|addr)\s+(?:add|del|change|replace|flush|set)\b|conntrack\s+-[DFUI]\b/;

describe.each(Object.entries(FAULTLINE_DOCUMENTS))('Automation document %s', (_key, doc) => {
  const parsed = parse(readFileSync(join(dir, doc.file), 'utf8')) as AutomationDocument;

  it('is an Automation document (schema 0.3) that only runs AWS-RunShellScript on the target instance', () => {
    expect(parsed.schemaVersion).toBe('0.3');
    expect(parsed.parameters.InstanceId?.allowedPattern).toBe('^i-[0-9a-f]{8,17}$');
    for (const step of parsed.mainSteps) {
      expect(step.action).toBe('aws:runCommand');
      expect(step.inputs.DocumentName).toBe('AWS-RunShellScript');
    }
  });

  it('only reads: no command changes the node or writes a file', () => {
    for (const command of parsed.mainSteps.flatMap((s) => s.inputs.Parameters.commands)) {
      expect(command, command).not.toMatch(MUTATING);
      expect(
        command.replaceAll('2>&1', '').replaceAll('>/dev/null', '').replaceAll('2>/dev/null', ''),
        command,
      ).not.toMatch(/>/);
    }
  });

  it('constrains every free-text parameter with a pattern (no shell injection)', () => {
    for (const [name, parameter] of Object.entries(parsed.parameters)) {
      if (name !== 'AutomationAssumeRole') expect(parameter.allowedPattern, name).toBeDefined();
    }
  });
});

describe('the CloudFormation template', () => {
  it('is generated from the documents (run scripts/generate-cloudformation.ts after editing one)', () => {
    expect(readFileSync(join(dir, 'cloudformation.yaml'), 'utf8')).toBe(renderCloudFormation());
  });

  it('installs every document and a role only SSM can assume, limited to the shell document and tagged nodes', () => {
    const template = parse(renderCloudFormation()) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const documents = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SSM::Document');
    expect(documents).toHaveLength(Object.keys(FAULTLINE_DOCUMENTS).length);
    const role = template.Resources.FaultlineAutomationRole as unknown as {
      Properties: { AssumeRolePolicyDocument: unknown; Policies: unknown };
    };
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('ssm.amazonaws.com');
    const policy = JSON.stringify(role.Properties.Policies);
    expect(policy).toContain('document/AWS-RunShellScript');
    expect(policy).toContain('ssm:resourceTag/eks:cluster-name');
    expect(policy).not.toMatch(/"Action":"\*"|ssm:\*|iam:\*/);
  });
});
