/** What a failed call says, for a toast or a dialog (a CrosswalkError's sentence, already free of message values). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
