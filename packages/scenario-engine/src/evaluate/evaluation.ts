/** The outcome of one evaluator: a score in [0, 1], pass or fail, and why. */
export interface Evaluation {
  evaluator: string;
  score: number;
  passed: boolean;
  reason: string;
  details?: Record<string, unknown>;
}
