// The one way the device layer runs another program: through execa, without a shell, with its
// output streamed line by line to the caller and kept for the error message if it fails.
import { execa } from 'execa';
import { runnerFailedError, runnerNotFoundError } from '../errors.js';

export interface ToolRun {
  readonly output: string;
}

export interface ToolOptions {
  /** The runner's name, for error messages. */
  readonly runner: string;
  readonly onOutput?: (line: string) => void;
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/** How many lines of a failed tool's output go into the error message. */
const TAIL_LINES = 15;

export async function runTool(argv: readonly string[], options: ToolOptions): Promise<ToolRun> {
  const [program, ...args] = argv;
  if (program === undefined) throw new Error('runTool: empty command line');
  const lines: string[] = [];
  const subprocess = execa(program, args, {
    reject: false,
    all: true,
    stdin: 'ignore',
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  subprocess.all?.setEncoding('utf8');
  let pending = '';
  subprocess.all?.on('data', (text: string) => {
    pending += text;
    const complete = pending.split(/\r?\n/);
    pending = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      options.onOutput?.(line);
    }
  });
  const result = await subprocess;
  if (pending !== '') {
    lines.push(pending);
    options.onOutput?.(pending);
  }
  if ((result.code as string | undefined) === 'ENOENT') throw runnerNotFoundError(program, options.runner);
  if (result.failed) {
    throw runnerFailedError(options.runner, argv.join(' '), result.exitCode, lines.slice(-TAIL_LINES).join('\n'));
  }
  return { output: lines.join('\n') };
}
