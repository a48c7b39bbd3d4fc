import { FAULTLINE_DOCUMENTS } from './documents';

/**
 * The CloudFormation template that installs our Automation documents with a least-privilege role
 * Automation assumes, and a managed policy for whoever runs the MCP server. `contents` maps each
 * document file name to its parsed YAML.
 */
export function automationStackTemplate(contents: Record<string, unknown>): Record<string, unknown> {
  const documents = Object.entries(FAULTLINE_DOCUMENTS);
  const resources: Record<string, unknown> = {};
  for (const [, doc] of documents) {
    resources[doc.name.replace(/[^A-Za-z0-9]/g, '')] = {
      Type: 'AWS::SSM::Document',
      Properties: {
        Name: { 'Fn::Sub': `\${DocumentPrefix}${doc.name}` },
        DocumentType: 'Automation',
        DocumentFormat: 'YAML',
        UpdateMethod: 'NewVersion',
        Content: contents[doc.file],
      },
    };
  }
  const documentArns = documents.map(([, doc]) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:automation-definition/\${DocumentPrefix}${doc.name}:*`,
  }));
  resources.FaultlineAutomationRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description:
        'Assumed by SSM Automation to run Faultline read-only node diagnostics and AWSSupport-CollectEKSInstanceLogs.',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ssm.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Sub': 'arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:automation-execution/*',
                },
              },
            },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'faultline-node-diagnostics',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'RunShellScriptOnTaggedNodes',
                Effect: 'Allow',
                Action: 'ssm:SendCommand',
                Resource: {
                  'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*',
                },
                Condition: {
                  StringLike: { 'ssm:resourceTag/eks:cluster-name': { Ref: 'ClusterNamePattern' } },
                },
              },
              {
                Sid: 'OnlyTheShellDocument',
                Effect: 'Allow',
                Action: 'ssm:SendCommand',
                Resource: {
                  'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}::document/AWS-RunShellScript',
                },
              },
              {
                Sid: 'FollowCommands',
                Effect: 'Allow',
                Action: [
                  'ssm:ListCommands',
                  'ssm:ListCommandInvocations',
                  'ssm:GetCommandInvocation',
                  'ssm:DescribeInstanceInformation',
                ],
                Resource: '*',
              },
              {
                Sid: 'CollectEKSInstanceLogs',
                Effect: 'Allow',
                Action: [
                  'ssm:StartAutomationExecution',
                  'ssm:GetAutomationExecution',
                  'ec2:DescribeInstances',
                ],
                Resource: '*',
              },
              {
                Sid: 'CheckLogBucket',
                Effect: 'Allow',
                Action: ['s3:GetBucketPolicyStatus', 's3:GetBucketAcl'],
                Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${LogBucket}' },
              },
            ],
          },
        },
      ],
    },
  };
  resources.FaultlineOperatorPolicy = {
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      Description:
        'What the node-diagnostics MCP server needs: start and follow the collection documents, resolve node names, read bundles.',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'StartCollections',
            Effect: 'Allow',
            Action: 'ssm:StartAutomationExecution',
            Resource: [
              ...documentArns,
              {
                'Fn::Sub':
                  'arn:${AWS::Partition}:ssm:${AWS::Region}::automation-definition/AWSSupport-CollectEKSInstanceLogs:*',
              },
            ],
          },
          { Sid: 'FollowCollections', Effect: 'Allow', Action: 'ssm:GetAutomationExecution', Resource: '*' },
          { Sid: 'ResolveNodeNames', Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
          {
            Sid: 'PassAutomationRole',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: { 'Fn::GetAtt': ['FaultlineAutomationRole', 'Arn'] },
            Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
          },
          {
            Sid: 'ReadBundles',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [
              { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${LogBucket}' },
              { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${LogBucket}/*' },
            ],
          },
        ],
      },
    },
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'Faultline node diagnostics: read-only SSM Automation documents for EKS nodes, the role Automation assumes, and a policy for the MCP server. Generated by scripts/generate-cloudformation.ts; do not edit.',
    Parameters: {
      LogBucket: {
        Type: 'String',
        Description: 'Bucket where bundles and command output are written (nodes need s3:PutObject on it).',
      },
      DocumentPrefix: { Type: 'String', Default: '', Description: 'Prefix of the document names.' },
      ClusterNamePattern: {
        Type: 'String',
        Default: '*',
        Description: 'Only instances whose eks:cluster-name tag matches (StringLike) can be targeted.',
      },
    },
    Resources: resources,
    Outputs: {
      AutomationRoleArn: { Value: { 'Fn::GetAtt': ['FaultlineAutomationRole', 'Arn'] } },
      OperatorPolicyArn: { Value: { Ref: 'FaultlineOperatorPolicy' } },
    },
  };
}
