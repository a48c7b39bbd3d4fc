#!/usr/bin/env node
import { cachedCheck, runServer } from '@faultline/server-runtime';
import { FindingStore } from './finding-store';
import { bundleRootCheck } from './readiness';
import { createServer, defaultDeps } from './server';
import { VERSION } from './version';

// Built once: over HTTP the factory runs per request, and get_finding must find what an earlier
// request's analysis found.
const findings = new FindingStore();
const { bundleRoots } = defaultDeps();
// one probe of the bundle roots per 2 s, however often /ready is asked
const rootCheck = cachedCheck(() => bundleRootCheck(bundleRoots));

await runServer(
  {
    bin: 'node-diagnostics-mcp-server',
    packageName: '@faultline/node-diagnostics-mcp-server',
    version: VERSION,
    summary:
      'An MCP server that gives agents the evidence on EKS worker nodes: log bundles analysed offline into findings,\n' +
      'iptables analysis, log search, node comparison, and collection through SSM Automation (never a shell).\n' +
      'Local bundles need no AWS account. Environment: FAULTLINE_BUNDLE_ROOT (where bundles may be read; default the\n' +
      'working directory), FAULTLINE_LOG_BUCKET, FAULTLINE_AUTOMATION_ROLE_ARN, FAULTLINE_DOCUMENT_PREFIX, AWS_REGION.',
    capabilities: [
      'Tools: collect_node_diagnostics, get_collection_status, analyze_node_bundle, check_node_health,',
      '       analyze_iptables, search_node_logs, compare_nodes, get_finding',
    ],
  },
  ({ logger }) => {
    const { server } = createServer({ logger, findings, bundleRoots });
    return { server, readiness: async () => [await rootCheck()] };
  },
);
