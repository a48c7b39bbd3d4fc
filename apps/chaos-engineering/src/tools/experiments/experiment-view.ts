import type { Experiment, ExperimentSummary } from '@aws-sdk/client-fis';
import { z } from 'zod';

/** An experiment as tools return it: its id, state and what each action is doing. */
export const ExperimentViewSchema = z.object({
  id: z.string(),
  experimentTemplateId: z.string().optional(),
  state: z.object({ status: z.string(), reason: z.string().optional() }),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  actions: z
    .array(
      z.object({
        name: z.string(),
        actionId: z.string().optional(),
        status: z.string().optional(),
        reason: z.string().optional(),
      }),
    )
    .optional(),
  stopConditions: z
    .array(z.object({ source: z.string().optional(), value: z.string().optional() }))
    .optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

/** An experiment view. */
export type ExperimentView = z.infer<typeof ExperimentViewSchema>;

/** A time from the AWS SDK as ISO 8601 text; undefined when absent. */
export const iso = (value: Date | undefined) => (value instanceof Date ? value.toISOString() : undefined);

/** Reduces a FIS Experiment (or summary) to the fields an agent needs. */
export function experimentView(experiment: Experiment | ExperimentSummary): ExperimentView {
  const full = experiment as Experiment;
  const view: ExperimentView = {
    id: experiment.id ?? '',
    state: {
      status: experiment.state?.status ?? 'unknown',
      ...(experiment.state?.reason && { reason: experiment.state.reason }),
    },
  };
  if (experiment.experimentTemplateId) view.experimentTemplateId = experiment.experimentTemplateId;
  const start = iso(full.startTime ?? (experiment as ExperimentSummary).creationTime);
  if (start) view.startTime = start;
  const end = iso(full.endTime);
  if (end) view.endTime = end;
  if (full.actions) {
    view.actions = Object.entries(full.actions).map(([name, action]) => ({
      name,
      ...(action.actionId && { actionId: action.actionId }),
      ...(action.state?.status && { status: action.state.status }),
      ...(action.state?.reason && { reason: action.state.reason }),
    }));
  }
  if (full.stopConditions)
    view.stopConditions = full.stopConditions.map((s) => ({ source: s.source, value: s.value }));
  if (experiment.tags) view.tags = experiment.tags;
  return view;
}
