import { FindingSchema, SeveritySchema } from '@faultline/findings';
import { z } from 'zod';
import { RULE_PACKS } from '../rules/types';

/** A tool call an agent can make next, with its arguments ready. */
export const NextStepSchema = z.object({
  tool: z.string().describe('Tool name, e.g. recommend_fis_experiments or search_node_logs.'),
  arguments: z.record(z.string(), z.unknown()).describe('Arguments to pass as they are.'),
  why: z.string().describe('What the call will tell you.'),
});

/** A next step. */
export type NextStep = z.infer<typeof NextStepSchema>;

/** A Finding from node diagnostics: the shared contract plus the rule, remediation and next steps. */
export const NodeFindingSchema = FindingSchema.extend({
  rule: z.string().describe('Id of the rule that fired, e.g. kernel.oom-kill.'),
  pack: z.enum(RULE_PACKS).describe('Rule pack of the rule.'),
  remediation: z.string().describe('What to do about it.'),
  occurrences: z.number().int().describe('How many times the signature was seen (1 for state checks).'),
  firstSeen: z.string().optional().describe('ISO time of the first occurrence, when the lines carry one.'),
  lastSeen: z.string().optional().describe('ISO time of the last occurrence.'),
  next: z.array(NextStepSchema).describe('Tool calls to make next, with arguments.'),
  severity: SeveritySchema,
});

/** A finding from node diagnostics. */
export type NodeFinding = z.infer<typeof NodeFindingSchema>;
