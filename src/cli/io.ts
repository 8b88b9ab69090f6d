// What a command may do to the outside world: write to stdout and stderr. Commands get it as a
// parameter, so tests run them in-process and read what they printed.

export type ReporterName = 'pretty' | 'plain' | 'json';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal (decides the default of --color). */
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Options every command receives (see main.ts). */
export interface GlobalOptions {
  readonly verbose: boolean;
  readonly quiet: boolean;
  readonly reporter: ReporterName;
  readonly color: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  };
}

export interface Style {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly dim: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;
const plainText = (text: string): string => text;

export function style(color: boolean): Style {
  if (!color) return { bold: plainText, red: plainText, green: plainText, yellow: plainText, cyan: plainText, dim: plainText };
  return { bold: sgr(1, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), dim: sgr(2, 22) };
}
