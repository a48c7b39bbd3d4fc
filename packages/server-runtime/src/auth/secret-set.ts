import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * A set of secrets (API keys, static tokens) checked in constant time: both sides are hashed to
 * 32 bytes, compared with `timingSafeEqual`, and every entry is compared, so neither the length nor
 * the position of a match shows in the timing. The secrets themselves are not kept.
 */
export class SecretSet {
  private readonly digests: Buffer[];

  constructor(secrets: readonly string[]) {
    this.digests = secrets.map(digest);
  }

  get size(): number {
    return this.digests.length;
  }

  /** The position of the matching secret (for logs: `api-key#2`), or -1. */
  indexOf(candidate: string): number {
    const probe = digest(candidate);
    let found = -1;
    this.digests.forEach((known, i) => {
      if (timingSafeEqual(known, probe) && found === -1) found = i;
    });
    return found;
  }
}
