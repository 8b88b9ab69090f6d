// Running external programs: missing tools become named errors with an install hint, and
// `doctor` reports what is on PATH.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { doctor, DOCTOR_TOOLS } from '../../src/toolchain/doctor.js';
import { installHint, runTool, startTool } from '../../src/toolchain/exec.js';
import { rejection } from './helpers.js';

function onPath(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('external programs', () => {
  test('a missing program is ETB3001 with the package to install', async () => {
    const error = await rejection(runTool('qemu-system-nonexistent', ['--version']));
    expect(error.code).toBe('ETB3001');
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('qemu-system-nonexistent was not found on PATH');
    expect(error.hints[0]).toBe('install qemu-system-nonexistent and make sure it is on PATH');
    expect(installHint('qemu-system-arm')).toBe('install it: sudo apt-get install --no-install-recommends qemu-system-arm');
    expect((await rejection(startTool('qemu-system-nonexistent', []))).code).toBe('ETB3001');
  });

  test('a failing program is ETB3002 quoting its command and output, unless failure is allowed', async () => {
    const error = await rejection(runTool('sh', ['-c', 'echo the reason >&2; exit 7']));
    expect(error.code).toBe('ETB3002');
    expect(error.message).toContain('(exit 7)');
    expect(error.message).toContain('the reason');
    const allowed = await runTool('sh', ['-c', 'echo out; echo err >&2; exit 7'], { allowFailure: true });
    expect(allowed).toMatchObject({ exitCode: 7, stdout: 'out\n', stderr: 'err\n', output: 'out\nerr\n' });
  });

  test('doctor reports exactly the tools that are on PATH, with versions and install hints', async () => {
    const checks = await doctor();
    expect(checks.map((c) => c.tool)).toEqual(DOCTOR_TOOLS.map((t) => t.tool));
    for (const check of checks) {
      expect(check.path !== null, check.tool).toBe(onPath(check.tool));
      if (check.path === null) expect(check.hint, check.tool).toMatch(/apt-get install|pip install/u);
      else expect(check.hint).toBeNull();
    }
    const gcc = checks.find((c) => c.tool === 'arm-none-eabi-gcc')!;
    expect(gcc.version).toBe(execFileSync('arm-none-eabi-gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0]);
    const missing = await doctor([{ tool: 'socat-does-not-exist', purpose: 'nothing', versionArgs: [] }]);
    expect(missing).toEqual([{ tool: 'socat-does-not-exist', purpose: 'nothing', path: null, version: null, hint: 'install socat-does-not-exist and make sure it is on PATH' }]);
  });
});
