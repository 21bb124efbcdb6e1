import type { CrosswalkErrorData } from '../../shared/common/errors/CrosswalkError';
import type { FhirIssue } from '../../shared/common/fhir/FhirIssue';

/** Where a message came from: what error reports and output file names are built from. */
export interface MessagePlace {
  /** The input as named (a path, or `stdin`). */
  file: string;
  /** 1-based position of the message in its input. */
  position: number;
  line?: number;
  /** Byte offset of the message's first segment in its input. */
  offset?: number;
}

export interface Failure {
  place: MessagePlace;
  error: CrosswalkErrorData;
  /**
   * The message as it is in its input, when it could be split out (not for an unreadable file):
   * its bytes, undecoded, so the copy written for replay is exactly what failed, whatever its
   * character set (a string is written as UTF-8).
   */
  input?: string | Uint8Array;
  /** The output that failed validation, and its issues. */
  output?: string;
  issues?: FhirIssue[];
}

/** Receives outcomes in input order: every message of an input (positions 1, 2, …, or 0 for the whole input), then the next input. */
export interface RunSink {
  output(place: MessagePlace, json: string): Promise<void>;
  failure(failure: Failure): Promise<void>;
  /** `complete`: every input was mapped to its end (false when the run stopped on an error). */
  close(complete: boolean): Promise<void>;
}
