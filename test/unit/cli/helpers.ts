// Runs the CLI in-process with captured output, and writes builder-made files to a temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    isTty: false,
    env: {},
  };
  await main(argv, io);
  return { stdout, stderr };
}

export function writeTemp(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'etb-cli-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}
