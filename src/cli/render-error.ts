// Errors in the rustc style:
//   error[ETB2005]: malformed flatbuffer: ...
//     --> model.pte, byte 1234, table Program.execution_plan[0].values[3]
//   hint: ...
// Anything that is not an EtbError is a bug in etbuild: it is reported as an internal error.
import { EtbError, type ErrorLocation } from '../core/errors.js';
import type { Style } from './io.js';

export const INTERNAL_ERROR_CODE = 'ETB9000';

export function toEtbError(error: unknown): EtbError {
  if (error instanceof EtbError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new EtbError(INTERNAL_ERROR_CODE, `internal error: ${message}`, {
    cause: error,
    hints: ['this is a bug in etbuild: please report it with the command line and, if you can, the model file'],
  });
}

export function formatLocation(location: ErrorLocation): string | null {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.method !== undefined) parts.push(`method ${location.method}`);
  if (location.instruction !== undefined) parts.push(`instruction ${location.instruction}`);
  if (location.byteOffset !== undefined) parts.push(`byte ${location.byteOffset}`);
  if (location.table !== undefined) parts.push(`table ${location.table}`);
  return parts.length === 0 ? null : parts.join(', ');
}

export function renderError(error: EtbError, options: { readonly verbose: boolean; readonly style: Style }): string {
  const { style: s } = options;
  const lines = [`${s.bold(s.red(`error[${error.code}]`))}${s.bold(`: ${error.message}`)}`];
  const where = error.location === undefined ? null : formatLocation(error.location);
  if (where !== null) lines.push(`  ${s.cyan('-->')} ${where}`);
  for (const hint of error.hints) lines.push(`${s.cyan('hint')}: ${hint}`);
  if (options.verbose) {
    for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
      if (cause.stack !== undefined) lines.push(s.dim(cause === error ? cause.stack : `caused by: ${cause.stack}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
