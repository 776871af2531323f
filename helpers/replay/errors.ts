/** Errors of the HAR replay/record machinery. Each names the recording and what did not match. */
import { SmokebookError } from "../errors.ts";

/** A HAR file that cannot be read, parsed or is not HAR 1.2 shaped. */
export class HarFormatError extends SmokebookError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, problem: string, field?: string, options?: { cause?: unknown }) {
    super("HAR_INVALID", `${file}: ${field ? `${field}: ` : ""}${problem}`, options);
    this.file = file;
    this.field = field;
  }
}

/** A replay saw requests its recording lacks, or left recorded requests unused. */
export class ReplayMismatchError extends SmokebookError {
  readonly source: string;
  readonly unexpected: ReadonlyArray<string>;
  readonly unused: ReadonlyArray<string>;

  constructor(source: string, unexpected: ReadonlyArray<string>, unused: ReadonlyArray<string>) {
    const parts: string[] = [];
    if (unexpected.length > 0) {
      parts.push(`${unexpected.length} request(s) not in the recording: ${unexpected.join("; ")}`);
    }
    if (unused.length > 0) parts.push(`${unused.length} recorded request(s) never made: ${unused.join("; ")}`);
    super("REPLAY_MISMATCH", `replay of ${source} does not match the code: ${parts.join(" | ")}`);
    this.source = source;
    this.unexpected = unexpected;
    this.unused = unused;
  }
}
