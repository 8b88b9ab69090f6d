// Model-file errors raised while reading. Every check in src/pte ends here, so a malformed file
// always becomes an EtbError with a code from docs/errors.md and a location in the file.
import { EtbError, type ErrorLocation } from '../core/errors.js';

/** Where the bytes being read came from: the file name and where this buffer sits in the file. */
export interface ReadContext {
  readonly file: string | undefined;
  /** Offset of the buffer being read inside the file (non-zero for the program inside a .bpte). */
  readonly baseOffset: number;
}

export function modelError(
  code: string,
  message: string,
  ctx: ReadContext,
  where: Omit<ErrorLocation, 'file'> = {},
  hints: readonly string[] = [],
): EtbError {
  const location: ErrorLocation = {
    ...(ctx.file === undefined ? {} : { file: ctx.file }),
    ...where,
    ...(where.byteOffset === undefined ? {} : { byteOffset: ctx.baseOffset + where.byteOffset }),
  };
  return new EtbError(code, message, { location, hints });
}

export const CORRUPT_HINT = 'the file is corrupt or truncated, or was not written by ExecuTorch: re-export it';
