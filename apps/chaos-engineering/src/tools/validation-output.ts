import { z } from 'zod';

const Issue = z.object({
  code: z.string(),
  path: z.string().describe('JSON Pointer into the template as given.'),
  message: z.string(),
  suggestion: z.string().optional(),
  ruleId: z.string().optional(),
});

/** The validation result as tools return it (the Python server’s fields, kept, plus paths and codes). */
export const ValidationOutputSchema = z.object({
  valid: z.boolean(),
  errors: z.array(Issue),
  warnings: z.array(Issue),
  invalidActions: z.array(z.string()),
  invalidResourceTypes: z.array(z.string()),
  placeholders: z.array(z.object({ path: z.string(), text: z.string() })),
  shape: z.string(),
  validatedAt: z.string(),
  catalogSource: z.object({ kind: z.string(), retrievedAt: z.string(), region: z.string().optional() }),
  region: z.string(),
});
