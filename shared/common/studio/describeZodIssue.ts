import type { z } from 'zod';

/** The first problem zod found, as one sentence pointing at the field (`bundle.name: expected string`). */
export function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the data is invalid.';
  const where = issue.path.map(String).join('.');
  const sentence = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  return where ? `${where}: ${sentence}` : sentence;
}
