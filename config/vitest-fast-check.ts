// Test setup of the projects with property tests. Locally every run draws new inputs (fast-check
// prints the seed of a failure, to replay it with FAULTLINE_FC_SEED); in CI the seed is fixed, so a
// CI run is reproducible and a red run always means a change broke something, not a new draw.
import fc from 'fast-check';

const seed = process.env.FAULTLINE_FC_SEED ?? (process.env.CI ? '20261123' : undefined);
if (seed !== undefined && Number.isInteger(Number(seed))) {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
