// The command line itself: help, version, usage errors and how errors are rendered.
import { describe, expect, it } from 'vitest';
import { EtbError } from '../../../src/core/errors.js';
import { VERSION } from '../../../src/core/version.js';
import { style } from '../../../src/cli/io.js';
import { renderError, toEtbError } from '../../../src/cli/render-error.js';
import { runCli } from './helpers.js';

async function usageError(argv: readonly string[]): Promise<EtbError> {
  try {
    await runCli(argv);
  } catch (error) {
    if (error instanceof EtbError) return error;
    throw error;
  }
  throw new Error(`etbuild ${argv.join(' ')} succeeded`);
}

describe('etbuild command line', () => {
  it('prints help with the commands and the global options', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/^etbuild <command> \[options\]/);
    expect(stdout).toContain('etbuild inspect <model>');
    for (const option of ['--verbose', '--quiet', '--reporter', '--color', '--help']) expect(stdout).toContain(option);
    expect(stdout).toContain('"pretty", "plain", "json"');
  });

  it('prints help for a command', async () => {
    const { stdout } = await runCli(['inspect', '--help']);
    expect(stdout).toContain('etbuild inspect <model>');
    expect(stdout).toContain('--data');
    expect(stdout).toContain('--json');
  });

  it('prints the package version', async () => {
    expect((await runCli(['--version'])).stdout.trim()).toBe(VERSION);
  });

  it('turns a missing argument, an unknown option or a bad choice into a usage error (ETB1001, exit 2)', async () => {
    for (const argv of [['inspect'], ['inspect', 'm.pte', '--bogus'], ['inspect', 'm.pte', 'extra'], ['inspect', 'm.pte', '--reporter', 'xml']]) {
      const error = await usageError(argv);
      expect(error.code, argv.join(' ')).toBe('ETB1001');
      expect(error.exitCode).toBe(2);
    }
  });
});

describe('error rendering', () => {
  const error = new EtbError('ETB2004', 'operator aten::convolution.out (Float) has no kernel in runtime-c', {
    location: { file: 'model.pte', method: 'forward', instruction: 3 },
    hints: ['`etbuild inspect model.pte` lists every operator and whether etbuild supports it'],
  });

  it('renders rustc style without a stack trace', () => {
    expect(renderError(error, { verbose: false, style: style(false) })).toBe(
      'error[ETB2004]: operator aten::convolution.out (Float) has no kernel in runtime-c\n' +
      '  --> model.pte, method forward, instruction 3\n' +
      'hint: `etbuild inspect model.pte` lists every operator and whether etbuild supports it\n',
    );
  });

  it('adds the stack trace with --verbose', () => {
    expect(renderError(error, { verbose: true, style: style(false) })).toMatch(/\n {4}at /);
  });

  it('names byte offsets and table paths', () => {
    const located = new EtbError('ETB2005', 'malformed flatbuffer: x', { location: { file: 'a.pte', byteOffset: 120, table: 'Program.segments[0]' } });
    expect(renderError(located, { verbose: false, style: style(false) })).toContain('  --> a.pte, byte 120, table Program.segments[0]\n');
  });

  it('colours the code when asked', () => {
    expect(renderError(error, { verbose: false, style: style(true) })).toContain('\u001b[31merror[ETB2004]\u001b[39m');
  });

  it('reports anything but an EtbError as an internal error (exit 1)', () => {
    const internal = toEtbError(new TypeError('x is undefined'));
    expect(internal.code).toBe('ETB9000');
    expect(internal.exitCode).toBe(1);
    expect(internal.message).toBe('internal error: x is undefined');
    expect(toEtbError(error)).toBe(error);
  });
});
