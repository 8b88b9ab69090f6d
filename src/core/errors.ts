// One error type for everything etbuild reports to a user: a stable code, a message that says
// what is wrong and where, and hints that say what to do. Codes are grouped by stage; the
// group decides the process exit code (docs/errors.md lists every code).

export type ErrorGroup = 'usage' | 'model' | 'toolchain' | 'device' | 'bench' | 'internal';

export const EXIT_CODES: Readonly<Record<ErrorGroup, number>> = {
  internal: 1,
  usage: 2,
  model: 3,
  toolchain: 4,
  device: 5,
  bench: 6,
};

/** Where in the input a problem was found, for `--> model.pte, method forward, instruction 3`. */
export interface ErrorLocation {
  readonly file?: string;
  readonly byteOffset?: number;
  readonly table?: string;
  readonly method?: string;
  readonly instruction?: number;
}

export interface EtbErrorOptions {
  readonly hints?: readonly string[];
  readonly location?: ErrorLocation;
  readonly cause?: unknown;
}

export class EtbError extends Error {
  readonly code: string;
  readonly group: ErrorGroup;
  readonly hints: readonly string[];
  readonly location: ErrorLocation | undefined;

  constructor(code: string, message: string, options: EtbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EtbError';
    this.code = code;
    this.group = groupOf(code);
    this.hints = options.hints ?? [];
    this.location = options.location;
  }

  get exitCode(): number {
    return EXIT_CODES[this.group];
  }
}

/** ETB1xxx usage, ETB2xxx model, ETB3xxx toolchain, ETB4xxx device, ETB5xxx bench, ETB9xxx internal. */
export function groupOf(code: string): ErrorGroup {
  switch (code.charAt(3)) {
    case '1': return 'usage';
    case '2': return 'model';
    case '3': return 'toolchain';
    case '4': return 'device';
    case '5': return 'bench';
    default: return 'internal';
  }
}

export function isEtbError(value: unknown): value is EtbError {
  return value instanceof EtbError;
}
