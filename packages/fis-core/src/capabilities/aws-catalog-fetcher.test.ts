import {
  FisClient,
  FisServiceException,
  GetActionCommand,
  GetTargetResourceTypeCommand,
  ListActionsCommand,
  ListTargetResourceTypesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import {
  getActionById,
  getTargetResourceTypeByName,
  listActionsPage1,
  listActionsPage2,
  listTargetResourceTypes,
  recordedActionIds,
} from './__fixtures__/fis-fixtures';
import { fetchCatalogFromAws } from './aws-catalog-fetcher';

const fis = mockClient(FisClient);
const region = 'us-east-1';
const now = () => Date.parse('2026-11-24T10:00:00.000Z');
const metadata = { httpStatusCode: 200, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 };

/** ListActions inputs as sent (the paginator reuses one input object, so copy at call time). */
let listActionsInputs: unknown[] = [];

/** Answers every catalog call from the recorded payloads. */
function answerFromFixtures() {
  listActionsInputs = [];
  fis.on(ListActionsCommand).callsFake(async (input) => {
    listActionsInputs.push({ ...input });
    return { ...(input.nextToken ? listActionsPage2 : listActionsPage1), $metadata: metadata };
  });
  fis.on(GetActionCommand).callsFake(async (input) => {
    const response = getActionById[input.id];
    if (!response) throw new ResourceNotFoundException({ message: 'Action not found', $metadata: {} });
    return { ...response, $metadata: metadata };
  });
  fis.on(ListTargetResourceTypesCommand).resolves({ ...listTargetResourceTypes, $metadata: metadata });
  fis.on(GetTargetResourceTypeCommand).callsFake(async (input) => ({
    ...getTargetResourceTypeByName[input.resourceType],
    $metadata: metadata,
  }));
}

function awsError(name: string, message: string, httpStatusCode: number, attempts = 1) {
  return new FisServiceException({
    name,
    $fault: 'client',
    message,
    $metadata: { httpStatusCode, requestId: 'req-err', attempts },
  });
}

function client() {
  return new FisClient({ region, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
}

beforeEach(() => {
  fis.reset();
});
afterEach(() => {
  fis.reset();
});

describe('fetchCatalogFromAws', () => {
  it('follows nextToken through both ListActions pages and gets each action', async () => {
    // Prepare
    answerFromFixtures();

    // Act
    const { data, source, warnings } = await fetchCatalogFromAws({ client: client() }, { region, now });

    // Assess
    expect(listActionsInputs).toEqual([
      { maxResults: 100, nextToken: undefined },
      { maxResults: 100, nextToken: listActionsPage1.nextToken },
    ]);
    expect(
      fis
        .commandCalls(GetActionCommand)
        .map((c) => c.args[0].input.id)
        .sort(),
    ).toEqual([...recordedActionIds].sort());
    expect(fis.commandCalls(GetTargetResourceTypeCommand)).toHaveLength(5);
    expect(source).toEqual({ kind: 'aws', retrievedAt: '2026-11-24T10:00:00.000Z', region });
    expect(warnings).toEqual([]);
    expect(data.actions.map((a) => a.id)).toEqual(recordedActionIds);
    expect(data.compiledOn).toBe('2026-11-24');
  });

  it('merges the live answers with the bundled catalog', async () => {
    answerFromFixtures();
    const { data } = await fetchCatalogFromAws({ client: client() }, { region, now });

    const stop = data.actions.find((a) => a.id === 'aws:ec2:stop-instances');
    expect(stop?.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['startInstancesAfterDuration', 'ISO8601-duration', false],
      ['completeIfInstancesTerminated', 'boolean-string', false],
    ]);
    expect(stop?.permissions.length).toBeGreaterThan(0);

    const wait = data.actions.find((a) => a.id === 'aws:fis:wait');
    expect(wait?.targets).toEqual({});
    expect(wait?.parameters[0]).toMatchObject({ name: 'duration', required: true, maxSeconds: 43200 });

    const unknown = data.actions.find((a) => a.id === 'aws:example:new-action');
    expect(unknown?.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['duration', 'string', true],
      ['intensity', 'string', false],
    ]);
    expect(unknown?.notes[0]).toMatch(/Not in the bundled catalog/);

    expect(data.resourceTypes.map((r) => r.type)).toEqual(
      listTargetResourceTypes.targetResourceTypes?.map((r) => r.resourceType),
    );
    expect(data.resourceTypes.find((r) => r.type === 'aws:ecs:task')?.arnFormat).toBeDefined();
    expect(data.resourceTypes.find((r) => r.type === 'aws:example:thing')).toMatchObject({
      parameters: [{ name: 'scope', type: 'string', required: true }],
      usedBy: ['aws:example:new-action'],
    });
  });

  it('keeps at most `concurrency` GetAction calls in flight', async () => {
    answerFromFixtures();
    let inFlight = 0;
    let most = 0;
    fis.on(GetActionCommand).callsFake(async (input) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { ...getActionById[input.id], $metadata: metadata };
    });
    await fetchCatalogFromAws({ client: client() }, { region, now, concurrency: 2 });
    expect(most).toBe(2);
  });

  it('leaves out an action that disappeared between ListActions and GetAction, with a warning', async () => {
    answerFromFixtures();
    fis
      .on(GetActionCommand, { id: 'aws:rds:failover-db-cluster' })
      .rejects(new ResourceNotFoundException({ message: 'Action not found', $metadata: {} }));
    const { data, warnings } = await fetchCatalogFromAws({ client: client() }, { region, now });
    expect(data.actions.map((a) => a.id)).not.toContain('aws:rds:failover-db-cluster');
    expect(warnings).toEqual([
      expect.stringContaining('aws:rds:failover-db-cluster was listed but GetAction'),
    ]);
  });

  it('wraps AccessDeniedException with the permissions to grant, keeping the SDK error as cause', async () => {
    const denied = awsError(
      'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: fis:ListActions',
      403,
    );
    fis.on(ListActionsCommand).rejects(denied);

    const error = await fetchCatalogFromAws({ client: client() }, { region, now }).catch((e: unknown) => e);

    expect(FisCoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: FisCoreErrorCode.CapabilityLookupFailed,
      cause: denied,
      data: { operation: 'ListActions', region, errorName: 'AccessDeniedException', httpStatusCode: 403 },
    });
    expect((error as Error).message).toMatch(/^AWS denied ListActions in us-east-1 \(AccessDeniedException/);
    expect((error as Error).message).toMatch(/fis:ListActions, fis:GetAction, fis:ListTargetResourceTypes/);
    expect((error as Error).message).toMatch(/bundled catalog is used instead/);
  });

  it('names the action whose GetAction failed', async () => {
    answerFromFixtures();
    fis
      .on(GetActionCommand, { id: 'aws:fis:wait' })
      .rejects(awsError('AccessDeniedException', 'denied', 403));
    await expect(fetchCatalogFromAws({ client: client() }, { region, now })).rejects.toMatchObject({
      code: FisCoreErrorCode.CapabilityLookupFailed,
      message: expect.stringMatching(/^AWS denied GetAction\(aws:fis:wait\) in us-east-1/),
    });
  });

  it('reports throttling that outlasted the SDK retries, with the attempt count', async () => {
    // aws-sdk-client-mock replaces `send`, so the SDK's retry middleware does not run here: this is
    // the error as it reaches us after the retries (see the HTTP test for the retries themselves).
    fis.on(ListActionsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 429, 5));
    await expect(fetchCatalogFromAws({ client: client() }, { region, now })).rejects.toMatchObject({
      code: FisCoreErrorCode.CapabilityLookupFailed,
      message: expect.stringMatching(
        /^FIS throttled ListActions in us-east-1 after 5 attempts: retry in a minute/,
      ),
    });
  });

  it('says what to do when no credentials resolve', async () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    fis.on(ListActionsCommand).rejects(missing);
    await expect(fetchCatalogFromAws({ client: client() }, { region, now })).rejects.toMatchObject({
      code: FisCoreErrorCode.CapabilityLookupFailed,
      message: expect.stringMatching(
        /^no AWS credentials resolved for ListActions in us-east-1: set AWS_PROFILE/,
      ),
      cause: missing,
    });
  });

  it('refuses an unknown region before any call', async () => {
    answerFromFixtures();
    await expect(
      fetchCatalogFromAws({ client: client() }, { region: 'us-east-1/../x' }),
    ).rejects.toMatchObject({
      code: FisCoreErrorCode.InvalidRegion,
    });
    expect(fis.calls()).toHaveLength(0);
  });

  it('refuses a client configured for another region', async () => {
    answerFromFixtures();
    await expect(fetchCatalogFromAws({ client: client() }, { region: 'eu-west-1' })).rejects.toMatchObject({
      code: FisCoreErrorCode.InvalidInput,
      message: expect.stringContaining('configured for region us-east-1'),
    });
    expect(fis.calls()).toHaveLength(0);
  });

  it('builds its own client from clientConfig, for the requested region', async () => {
    answerFromFixtures();
    const { source } = await fetchCatalogFromAws(
      { clientConfig: { region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } },
      { region, now },
    );
    expect(source.region).toBe(region);
    expect(fis.commandCalls(ListActionsCommand)).toHaveLength(2);
  });
});
