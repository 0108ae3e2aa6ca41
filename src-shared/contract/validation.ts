import type { z } from 'zod';
import type { FieldIssue } from './errors';

/** Flattens zod's issues into the wire shape: dotted path + message. */
export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
