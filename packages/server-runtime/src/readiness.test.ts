import { describe, expect, it } from 'vitest';
import { credentialsCheck, evaluateReadiness } from './readiness';

const off = { delayMs: 0, errorRate: 0 };

describe('readiness', () => {
  it('is ready when every check passes, with the checks as evidence', async () => {
    const report = await evaluateReadiness(() => [{ name: 'catalog', ok: true, ageDays: 3 }], {
      draining: false,
      chaos: off,
    });
    expect(report).toEqual({
      status: 200,
      body: { status: 'ready', checks: [{ name: 'catalog', ok: true, ageDays: 3 }] },
    });
  });

  it('answers 503 with a reason naming each failed check, including draining and a hung check', async () => {
    const report = await evaluateReadiness(() => new Promise(() => {}), {
      draining: true,
      chaos: off,
      timeoutMs: 20,
    });
    expect(report.status).toBe(503);
    expect(report.body.reason).toBe(
      'server: shutting down, draining in-flight calls; readiness: the readiness checks did not answer in time',
    );
  });

  it('stays 200 and says degraded when only optional checks fail; a required one still fails it', async () => {
    const fisDown = { name: 'aws_fis', ok: false, reason: 'the AWS FIS endpoint is unreachable' };
    const degraded = await evaluateReadiness(() => [{ name: 'catalog', ok: true }, fisDown], {
      draining: false,
      chaos: off,
      optional: ['aws_fis'],
    });
    expect(degraded).toEqual({
      status: 200,
      body: {
        status: 'degraded',
        reason: 'aws_fis: the AWS FIS endpoint is unreachable',
        degraded: ['aws_fis'],
        checks: [
          { name: 'catalog', ok: true },
          { ...fisDown, optional: true },
        ],
      },
    });
    expect(fisDown).not.toHaveProperty('optional');
    const cacheDown = { name: 'catalog_cache', ok: false, reason: 'not writable' };
    const notReady = await evaluateReadiness(() => [fisDown, cacheDown], {
      draining: false,
      chaos: off,
      optional: ['aws_fis'],
    });
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'not_ready', reason: 'catalog_cache: not writable' });
    const typo = await evaluateReadiness(() => [fisDown], {
      draining: false,
      chaos: off,
      optional: ['aws_fsi'],
    });
    expect(typo.status).toBe(503);
    expect(typo.body.warnings).toEqual([
      '--ready-optional names no check of this server: aws_fsi (its checks: aws_fis)',
    ]);
    const draining = await evaluateReadiness(undefined, { draining: true, chaos: off, optional: ['server'] });
    expect(draining.status).toBe(503);
  });

  it('reports fault injection while it is on', async () => {
    const report = await evaluateReadiness(undefined, {
      draining: false,
      chaos: { delayMs: 2000, errorRate: 0.1 },
    });
    expect(report.body.chaos).toMatchObject({ delayMs: 2000, errorRate: 0.1 });
  });

  it('tells whether AWS credentials resolve, failing readiness only when they are required', async () => {
    const expiration = new Date(60_000);
    expect(await credentialsCheck(async () => ({ expiration }), { required: true, now: () => 0 })).toEqual({
      name: 'aws_credentials',
      ok: true,
      resolvable: true,
      expiresInSeconds: 60,
    });
    const missing = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    expect(await credentialsCheck(missing, { required: true })).toMatchObject({
      ok: false,
      reason: 'AWS credentials cannot be resolved (CredentialsProviderError)',
    });
    expect(await credentialsCheck(missing, { required: false })).toMatchObject({
      ok: true,
      resolvable: false,
    });
  });
});
