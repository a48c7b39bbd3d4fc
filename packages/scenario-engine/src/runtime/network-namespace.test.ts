import { describe, expect, it } from 'vitest';
import { namespaceFor } from './network-namespace';

describe('namespaceFor', () => {
  it('gives two runs of services whose names end alike different namespaces and interfaces', () => {
    // Prepare: the old names were the last 6 letters of run id + service, so both were "ontend"
    const a = namespaceFor('20250101T120000Z-3fa2c1', 'a-frontend', '10.213.9.0/30');
    const b = namespaceFor('20250101T120000Z-77b0e2', 'b-frontend', '10.213.10.0/30');
    const again = namespaceFor('20250101T120000Z-77b0e2', 'a-frontend', '10.213.9.0/30');
    // Assess
    expect(new Set([a.name, b.name, again.name]).size).toBe(3);
    expect(new Set([a.hostIf, b.hostIf, again.hostIf, a.nsIf, b.nsIf, again.nsIf]).size).toBe(6);
  });

  it('is stable for one run and service, and keeps interface names within 15 characters', () => {
    const ns = namespaceFor('20250101T120000Z-3fa2c1', 'frontend', '10.213.9.0/30');
    expect(namespaceFor('20250101T120000Z-3fa2c1', 'frontend', '10.213.9.0/30')).toEqual(ns);
    expect(ns.name).toMatch(/^faultline-[0-9a-f]{10}$/);
    expect(ns.hostIf.length).toBeLessThanOrEqual(15);
    expect(ns.nsIf.length).toBeLessThanOrEqual(15);
    expect([ns.hostAddress, ns.nsAddress]).toEqual(['10.213.9.1', '10.213.9.2']);
  });
});
