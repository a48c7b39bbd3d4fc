import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { fitApiService } from './api-service';
import { recommend } from './recommend';

const throttle = bundledCatalog().action('aws:fis:inject-api-throttle-error');
if (!throttle) throw new Error('catalog lacks aws:fis:inject-api-throttle-error');

describe('fitApiService', () => {
  it('injects into the API the finding is about, when the catalog lists it for the action', () => {
    expect(fitApiService(throttle, 'ec2', 'kinesis')).toEqual({
      ok: true,
      service: 'kinesis',
      changed: true,
    });
    expect(fitApiService(throttle, 'ec2', undefined)).toEqual({ ok: true, service: 'ec2', changed: false });
  });

  it('has no fit for an API the catalog does not list, and says so with the namespaces it has', () => {
    const fit = fitApiService(throttle, 'ec2', 'dynamodb');
    expect(fit).toMatchObject({ ok: false });
    expect(fit?.ok === false && fit.limitation).toBe(
      'FIS cannot return throttling errors from dynamodb API calls: aws:fis:inject-api-throttle-error injects only into the ec2 and kinesis APIs, so no FIS action reproduces this directly.',
    );
  });

  it('leaves actions without a service parameter alone', () => {
    const stop = bundledCatalog().action('aws:ec2:stop-instances');
    expect(stop && fitApiService(stop, undefined, 'dynamodb')).toBeUndefined();
  });
});

describe('recommend: API faults only for APIs FIS can fault', () => {
  const apiFaults = (summary: string) =>
    recommend({ summary }, { limit: 10 }).recommendations.filter((r) =>
      r.actionId.startsWith('aws:fis:inject-api-'),
    );

  it('does not answer DynamoDB throttling with an EC2 API fault, and says FIS cannot throttle DynamoDB', () => {
    const result = recommend(
      {
        summary:
          'DynamoDB throttling: boto3 calls to the orders table got ProvisionedThroughputExceededException and ThrottlingException during the sale.',
      },
      { limit: 10 },
    );
    expect(result.recommendations.filter((r) => r.actionId.startsWith('aws:fis:inject-api-'))).toEqual([]);
    expect(result.recommendations[0]).toMatchObject({
      actionId: 'aws:network:disrupt-connectivity',
      parameters: { scope: 'dynamodb' },
    });
    expect(result.recommendations[0]?.rationale.join(' ')).toMatch(/only approximately/);
    expect(result.limitations).toContain(
      'FIS cannot return throttling errors from dynamodb API calls: aws:fis:inject-api-throttle-error injects only into the ec2 and kinesis APIs, so no FIS action reproduces this directly.',
    );
  });

  it('faults the API of the dependency, not of the platform the code runs on', () => {
    const dynamodbOnEc2 = recommend({
      summary:
        'The order service on EC2 instances got ThrottlingException from DynamoDB on the carts table; requests timed out.',
    });
    expect(dynamodbOnEc2.recommendations.map((r) => r.parameters.service).filter(Boolean)).toEqual([]);
    expect(dynamodbOnEc2.limitations.join(' ')).toMatch(/from dynamodb API calls/);
    const lambda = recommend({
      summary:
        'The image-resize Lambda function reached its reserved concurrency and was throttled; SQS messages piled up.',
    });
    expect(lambda.limitations.join(' ')).toMatch(/from lambda API calls/);
    expect(lambda.limitations.join(' ')).not.toMatch(/sqs API/);
  });

  it('keeps API faults where FIS has them: EC2 and Kinesis', () => {
    expect(
      apiFaults('Our autoscaler hit RequestLimitExceeded from the EC2 API (DescribeInstances).')[0]
        ?.parameters,
    ).toMatchObject({ service: 'ec2', operations: 'DescribeInstances,DescribeVolumes' });
    const kinesis = apiFaults(
      'Kinesis PutRecords throttled with ProvisionedThroughputExceededException on the clickstream stream.',
    );
    expect(kinesis.length).toBeGreaterThan(0);
    for (const r of kinesis) expect(r.parameters.service).toBe('kinesis');
  });
});
