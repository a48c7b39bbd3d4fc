import type { Catalog } from '../catalog/catalog';
import { type PreparedText, tokenize } from './text-signals';

/** Words too common in FIS descriptions to tell actions apart. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it its of on or the to with target targets action share fault faults aws optionally given chosen listed via'.split(
    ' ',
  ),
);

interface LexicalIndex {
  /** Per action: term → frequency. */
  documents: Array<{ actionId: string; terms: Map<string, number>; length: number }>;
  documentFrequency: Map<string, number>;
  averageLength: number;
}

const indexes = new WeakMap<Catalog, LexicalIndex>();

function buildIndex(catalog: Catalog): LexicalIndex {
  const documents = catalog.actions.map((action) => {
    const resourceDescriptions = Object.values(action.targets)
      .map((type) => catalog.resourceType(type)?.description ?? '')
      .join(' ');
    const text = [
      action.id.split(':').slice(1).join(' '),
      action.id.split(':').slice(1).join(' '),
      action.description,
      resourceDescriptions,
      Object.keys(action.targets).join(' '),
    ].join(' ');
    const terms = new Map<string, number>();
    let length = 0;
    for (const token of tokenize(text)) {
      if (STOP_WORDS.has(token) || token.length < 2) continue;
      terms.set(token, (terms.get(token) ?? 0) + 1);
      length += 1;
    }
    return { actionId: action.id, terms, length };
  });
  const documentFrequency = new Map<string, number>();
  for (const document of documents) {
    for (const term of document.terms.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const averageLength = documents.reduce((sum, d) => sum + d.length, 0) / Math.max(1, documents.length);
  return { documents, documentFrequency, averageLength };
}

function indexFor(catalog: Catalog): LexicalIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = buildIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

/**
 * BM25 similarity between a finding and each action's catalog description, saturated into [0, 1).
 * The fallback that lets the recommender find an action no failure mode names yet (for example one
 * added by a catalog refresh).
 */
export function lexicalScores(catalog: Catalog, text: PreparedText): Map<string, number> {
  const index = indexFor(catalog);
  const n = index.documents.length;
  const query = new Set(text.distinct.filter((t) => !STOP_WORDS.has(t) && t.length >= 2));
  const out = new Map<string, number>();
  const k1 = 1.2;
  const b = 0.75;
  for (const document of index.documents) {
    let score = 0;
    for (const term of query) {
      const frequency = document.terms.get(term);
      if (!frequency) continue;
      const df = index.documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score +=
        (idf * frequency * (k1 + 1)) /
        (frequency + k1 * (1 - b + (b * document.length) / index.averageLength));
    }
    if (score > 0) out.set(document.actionId, 1 - Math.exp(-score / 8));
  }
  return out;
}
