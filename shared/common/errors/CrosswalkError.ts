/**
 * Where a problem happened. Every field is optional because errors arise at different depths:
 * a codec error knows the message, segment and field; a spec error knows the node or link.
 * Indexes are 1-based, as users read them.
 */
export interface ErrorLocation {
  /** 1-based position of the message in its input file. */
  message?: number;
  /** Source file or input name. */
  file?: string;
  /** 1-based segment number within the message, and its id. */
  segment?: number;
  segmentId?: string;
  /** 1-based field number within the segment. */
  field?: number;
  /**
   * 0-based offset in the input: characters when text was parsed (the studio's editor, the
   * library's run()), bytes when a file or stdin was read as bytes (`crosswalk run`, `inspect`).
   */
  offset?: number;
  /** 1-based line in the input text. */
  line?: number;
  /** 1-based column on that line (JSON and CSV inputs, expressions). */
  column?: number;
  /** A path in the grammar of its standard (`PID-5.1`, `Patient.name.family`) or a JSON pointer. */
  path?: string;
  /** The map of a mapping (`PID[Patient]`) a node or link belongs to. */
  map?: string;
  /** Mapping graph node or link id. */
  node?: string;
  link?: string;
}

/** A plain-data form of an error, safe to send over IPC, HTTP or to write to an error queue. */
export interface CrosswalkErrorData {
  code: string;
  message: string;
  where: ErrorLocation;
  /** See CrosswalkError.detail: for --errors reports and the studio, never for logs. */
  detail?: string;
}

/**
 * The one error type of the engine: a stable code a program can switch on, one plain sentence a
 * person can act on, and where it happened. The sentence and the place go to terminals and logs,
 * so they never quote a message's values: they name the field, node, link or value map. What the
 * sentence leaves out (the unmapped code, the unit that is not UCUM, the text of an unexpected
 * exception) goes in `detail`, which reaches only the --errors report and the studio's preview.
 */
export class CrosswalkError extends Error {
  readonly code: string;
  readonly where: ErrorLocation;
  /** The offending value or other text that may be patient data; never part of toString(). */
  readonly detail: string | undefined;

  constructor(code: string, message: string, where: ErrorLocation = {}, detail?: string) {
    super(message);
    this.name = 'CrosswalkError';
    this.code = code;
    this.where = where;
    this.detail = detail;
  }

  /** The same error placed further out (e.g. a codec error gets the message number of its file). */
  at(where: ErrorLocation): CrosswalkError {
    return new CrosswalkError(this.code, this.message, { ...where, ...this.where }, this.detail);
  }

  toJSON(): CrosswalkErrorData {
    const data: CrosswalkErrorData = { code: this.code, message: this.message, where: this.where };
    if (this.detail !== undefined) data.detail = this.detail;
    return data;
  }

  /** `CW_CODE: sentence (message 2, segment 3 PID, field 5)` for terminals and logs: no detail. */
  override toString(): string {
    const place = describeLocation(this.where);
    return `${this.code}: ${this.message}${place ? ` (${place})` : ''}`;
  }
}

export function describeLocation(where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(where.file);
  if (where.message !== undefined) parts.push(`message ${where.message}`);
  if (where.segment !== undefined) parts.push(`segment ${where.segment}${where.segmentId ? ` ${where.segmentId}` : ''}`);
  else if (where.segmentId !== undefined) parts.push(`segment ${where.segmentId}`);
  if (where.field !== undefined) parts.push(`field ${where.field}`);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.column !== undefined) parts.push(`column ${where.column}`);
  if (where.offset !== undefined) parts.push(`offset ${where.offset}`);
  if (where.path !== undefined) parts.push(`at ${where.path}`);
  if (where.map !== undefined) parts.push(`map ${where.map}`);
  if (where.node !== undefined) parts.push(`node ${where.node}`);
  if (where.link !== undefined) parts.push(`link ${where.link}`);
  return parts.join(', ');
}

export function isCrosswalkError(value: unknown): value is CrosswalkError {
  return value instanceof CrosswalkError;
}
