// A user's program: every public library imported from its published entry point. The pack test
// compiles it against the installed tarballs' .d.ts files with skipLibCheck: false.
import { analyzeBundle, type NodeFinding } from '@faultline/eks-node-diagnostics';
import { type Finding, normalizeFinding, SEVERITIES } from '@faultline/findings';
import {
  bundledCatalog,
  createTemplate,
  recommend,
  type ValidationResult,
  validateTemplate,
} from '@faultline/fis-core';
import { type Scenario, safeParseScenario } from '@faultline/scenario-engine';
import { parseServerCli, type ServerDescription } from '@faultline/server-runtime';

const finding: Finding = normalizeFinding({ id: 'inc-1', summary: 'Aurora writer failover took 90 s' });
const { recommendations } = recommend(finding, { catalog: bundledCatalog(), limit: 3 });
const created = createTemplate(recommendations[0], { allowNoStopCondition: true });
const checked: ValidationResult = validateTemplate(created.template);
const server: ServerDescription = {
  bin: 'x',
  packageName: 'x',
  version: '0.0.0',
  summary: '',
  capabilities: [],
};
const request = parseServerCli(['--version'], {}, server);
const parsed = safeParseScenario('meta: {}');
const scenario: Scenario | undefined = parsed.success ? parsed.scenario : undefined;

const nodeFindings: Promise<NodeFinding[]> = Promise.resolve([]);

export const summary = [
  SEVERITIES.length,
  checked.valid,
  request.kind,
  scenario?.meta,
  analyzeBundle,
  nodeFindings,
];
