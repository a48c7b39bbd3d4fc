import {
  bundledCatalog,
  type Catalog,
  CatalogProvider,
  type CatalogResult,
  FisCoreError,
  isRegionName,
} from '@faultline/fis-core';
import type { CommandSpec } from '../args';
import type { CommandContext } from '../context';
import { ExitCode, UsageError } from '../errors';
import { table } from '../style';

export const catalogCommand: CommandSpec = {
  name: 'catalog',
  summary: 'List the FIS actions (the bundled snapshot, or a Region’s current catalog)',
  positionals: [
    { name: 'QUERY', required: false, help: 'only actions whose id or description contain this text' },
  ],
  options: [
    {
      name: 'region',
      value: 'REGION',
      help: "A Region's catalog: the cache (24 h), then AWS with your credentials, else the bundled snapshot",
    },
    { name: 'refresh', help: 'With --region: skip the cache and ask AWS' },
  ],
  notes: [
    'Without --region no AWS call is made. With it, credentials come from the standard AWS chain',
    '(AWS_PROFILE, SSO, environment variables); the cache is $XDG_CACHE_HOME/faultline or ~/.cache/faultline.',
  ],
};

interface Listing {
  status: CatalogResult['status'];
  source: Catalog['source'];
  ageMs?: number;
  problems: string[];
  instructions?: string;
  catalog: Catalog;
}

async function load(ctx: CommandContext): Promise<Listing> {
  const region = ctx.string('region');
  if (region === undefined) {
    if (ctx.options.refresh === true) throw new UsageError('--refresh needs --region', 'catalog');
    const catalog = bundledCatalog();
    return { status: 'bundled', source: catalog.source, problems: [], catalog };
  }
  if (!isRegionName(region)) {
    throw new UsageError(`--region: "${region}" is not an AWS Region name such as us-east-1`, 'catalog');
  }
  ctx.progress(`Looking up the FIS catalog of ${region} (cache, then AWS)…`);
  const started = Date.now();
  try {
    const result = await new CatalogProvider().getCatalog(region, { refresh: ctx.options.refresh === true });
    ctx.progress(
      `Got ${result.catalog.actions.length} actions from ${result.source.kind} in ${Date.now() - started} ms.`,
    );
    return { ...result };
  } catch (error) {
    if (FisCoreError.isInstance(error)) throw new UsageError(error.message, 'catalog');
    throw error;
  }
}

/** `faultline catalog [QUERY]`: the FIS actions, with where the catalog came from. */
export async function runCatalog(ctx: CommandContext): Promise<number> {
  const query = ctx.positionals[0]?.toLowerCase();
  const listing = await load(ctx);
  const actions = listing.catalog.actions.filter(
    (a) => !query || a.id.toLowerCase().includes(query) || a.description.toLowerCase().includes(query),
  );
  if (ctx.json) {
    ctx.printJson({
      status: listing.status,
      source: listing.source,
      ...(listing.ageMs !== undefined && { ageMs: listing.ageMs }),
      problems: listing.problems,
      ...(listing.instructions && { instructions: listing.instructions }),
      count: actions.length,
      actions: actions.map((a) => ({
        id: a.id,
        description: a.description,
        targets: a.targets,
        ...(a.durationParameter && { durationParameter: a.durationParameter }),
        ...(a.deprecated && { deprecated: a.deprecated }),
      })),
    });
    return ExitCode.Ok;
  }
  const { out } = ctx;
  const rows = actions.map((a) => [
    a.deprecated ? out.dim(a.id) : out.cyan(a.id),
    Object.values(a.targets).join(', ') || '-',
    a.description,
  ]);
  ctx.print(table(['action', 'targets', 'description'], rows, out, [60, 40, 80]));
  const age = listing.ageMs !== undefined ? `, ${Math.floor(listing.ageMs / 86_400_000)} day(s) old` : '';
  ctx.print(
    out.dim(
      `${actions.length} of ${listing.catalog.actions.length} actions; ${listing.status} catalog${listing.source.kind === listing.status ? '' : ` from ${listing.source.kind}`} (${listing.source.retrievedAt}${age})`,
    ),
  );
  for (const problem of listing.problems) ctx.note(`${ctx.err.yellow('note')} ${problem}`);
  if (listing.instructions) {
    ctx.note(
      ctx.err.dim(
        listing.instructions.replace('then ask again with refresh: true', 'then run again with --refresh'),
      ),
    );
  }
  return ExitCode.Ok;
}
