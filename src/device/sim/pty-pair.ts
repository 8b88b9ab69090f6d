// Two connected pseudo-terminals made by socat: whatever is written to one end is read from the
// other, like a null-modem cable. Killing socat hangs up both ends, as unplugging a USB adapter does.
import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  readonly paths: readonly [string, string];
  /** Stops socat: both ends hang up. Safe to call more than once. */
  close(): Promise<void>;
}

export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  try {
    const paths = await readPtyPaths(socat, timeoutMs);
    return {
      paths,
      close: async () => {
        if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    socat.kill('SIGKILL');
    throw error;
  }
}

/** socat -d -d prints "PTY is /dev/pts/N" per end, then "starting data transfer loop" once both exist. */
function readPtyPaths(socat: ChildProcess, timeoutMs: number): Promise<[string, string]> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`socat did not create a pty pair within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    socat.once('error', (error) => fail(new Error(`cannot run socat (${error.message}); install it (apt-get install socat)`)));
    socat.once('exit', (code) => fail(new Error(`socat exited (${code}) before the pty pair was ready:\n${log}`)));
    socat.stderr?.setEncoding('utf8');
    socat.stderr?.on('data', (text: string) => {
      log += text;
      const paths = [...log.matchAll(/PTY is (\S+)/g)].map((match) => match[1]!);
      if (paths.length === 2 && log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve([paths[0]!, paths[1]!]);
      }
    });
  });
}
