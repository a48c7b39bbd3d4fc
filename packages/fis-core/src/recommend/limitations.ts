// What FIS cannot do for a finding: the limitations noted while scoring (a failure mode without a
// FIS action, an action that only approximates the failure, an API FIS cannot fault), and which of
// them are worth saying with the recommendations.
import type { RecommendationCandidate as Candidate } from './recommend';

/**
 * A limitation seen while scoring: of a failure mode (`modeId`, with or without actions FIS can run),
 * or of an action FIS cannot point at the API the finding is about (`fit`).
 */
export interface NotedLimitation {
  score: number;
  /** The finding names the symptom outright (or the mode needs none). */
  named: boolean;
  modeId?: string;
  actionless?: boolean;
}

/** Keeps the best score seen for each limitation. */
export function noteLimitation(
  limitations: Map<string, NotedLimitation>,
  text: string,
  noted: NotedLimitation,
): void {
  const current = limitations.get(text);
  if (!current || noted.score > current.score) limitations.set(text, noted);
}

/** Limitations whose failure mode matches less well than this (context × symptom) are not reported. */
const LIMITATION_MIN_SCORE = 0.6;
/** How close to the best recommendation a failure mode FIS has no action for must come to be reported. */
const LIMITATION_NEAR_BEST = 0.8;
/** Limitations are about the failures behind the first recommendations, not those further down. */
const LIMITATION_TOP = 3;

/**
 * The limitations worth saying, strongest first: that of the failure mode behind the first
 * recommendation; and, when the finding names the symptom outright, those of a mode behind one of
 * the first recommendations, of a mode FIS has no action for at all that matches about as well as
 * the best recommendation, and of an action that would have been among the first had FIS been able
 * to point it at the API the finding is about. A word in passing ("retry", "in memory") makes none.
 */
export function reportedLimitations(
  noted: ReadonlyMap<string, NotedLimitation>,
  candidates: readonly Candidate[],
  ranked: readonly Candidate[],
): string[] {
  const top = ranked.slice(0, LIMITATION_TOP);
  const topModes = new Set(top.map((c) => c.mode?.id).filter(Boolean));
  const bestScore = Math.max(0, ...candidates.map((c) => c.score));
  const lastTopScore = top.length < LIMITATION_TOP ? 0 : (top.at(-1)?.score ?? 0);
  return [...noted]
    .filter(([, limitation]) => {
      if (limitation.score < LIMITATION_MIN_SCORE) return false;
      if (limitation.modeId !== undefined && !limitation.actionless) {
        return (
          limitation.modeId === ranked[0]?.mode?.id || (limitation.named && topModes.has(limitation.modeId))
        );
      }
      if (!limitation.named) return false;
      if (limitation.modeId === undefined) return limitation.score >= lastTopScore;
      return limitation.score >= LIMITATION_NEAR_BEST * bestScore;
    })
    .sort((a, b) => b[1].score - a[1].score)
    .map(([text]) => text);
}
