// Smoke tests of the real executable (`node bin/etbuild.js`, which runs dist/): exit codes, stdout
// and stderr as a user sees them. dist/ is built by `npm ci` (prepare); it is built here if missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectReport } from '../../../src/cli/commands/inspect.js';
import { PACKAGE_ROOT } from '../../../src/core/paths.js';
import { readModelPath } from '../../../src/pte/read.js';
import { buildPte, call, f32, floats, int } from '../../fixtures/pte-builder.js';
import { writeTemp } from './helpers.js';

const bin = join(PACKAGE_ROOT, 'bin', 'etbuild.js');

function etbuild(...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const add = buildPte({
  methods: [{
    name: 'forward',
    values: [f32([2], { planned: { offset: 0 } }), f32([2], { constant: floats([1, 2]) }), int(1), f32([2], { planned: { offset: 16 } })],
    inputs: [0],
    outputs: [3],
    instructions: [call('aten::add.out', [0, 1, 2, 3, 3])],
  }],
});
const dir = writeTemp({ 'add.pte': add, 'broken.pte': add.subarray(0, 90) });

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli', 'bin.js'))) {
    // tsc still emits when files elsewhere have type errors; what matters is that bin.js exists.
    spawnSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(PACKAGE_ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  }
  expect(existsSync(join(PACKAGE_ROOT, 'dist', 'cli', 'bin.js')), 'dist/cli/bin.js (npm run build)').toBe(true);
}, 300_000);

describe('node bin/etbuild.js', () => {
  it('prints help and exits 0', () => {
    const { status, stdout } = etbuild('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('etbuild inspect <model>');
  });

  it('prints the same inspect --json document as the in-process command', () => {
    const { status, stdout } = etbuild('inspect', join(dir, 'add.pte'), '--json');
    expect(status).toBe(0);
    const expected = JSON.parse(JSON.stringify(inspectReport('add.pte', readModelPath(join(dir, 'add.pte'))))) as unknown;
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('renders a corrupt file as a model error with exit code 3 and no stack trace', () => {
    const { status, stdout, stderr } = etbuild('inspect', join(dir, 'broken.pte'));
    expect(status).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[ETB2\d{3}\]: .+\n {2}--> broken\.pte/);
    expect(stderr).toContain('hint: ');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('adds the stack trace with --verbose', () => {
    expect(etbuild('inspect', join(dir, 'broken.pte'), '--verbose').stderr).toMatch(/\n\s+at /);
  });

  it('exits 2 for a missing file', () => {
    const { status, stderr } = etbuild('inspect', join(dir, 'missing.pte'));
    expect(status).toBe(2);
    expect(stderr).toMatch(/^error\[ETB1002\]: model file .*missing\.pte does not exist/);
  });
});
