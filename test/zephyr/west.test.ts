// Building a Zephyr application: without west (or ZEPHYR_BASE) the result is one line saying
// what to run; with west, west build runs with the board's Zephyr name and its ELF is measured.
// A stand-in west script records its arguments and "builds" a real ARM ELF compiled here.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveBoard } from '../../src/boards/resolve.js';
import { buildZephyr } from '../../src/zephyr/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'etb-west-'));
const appDir = join(work, 'x-zephyr');
const fakeBin = join(work, 'bin');
const argvFile = join(work, 'west-argv.txt');
const elf = join(work, 'tiny.elf');
const saved = { PATH: process.env.PATH, ZEPHYR_BASE: process.env.ZEPHYR_BASE };

beforeAll(async () => {
  mkdirSync(appDir, { recursive: true });
  mkdirSync(fakeBin);
  copyFileSync(join(FIXTURES, 'fake-west.sh'), join(fakeBin, 'west'));
  chmodSync(join(fakeBin, 'west'), 0o755);
  await execa('arm-none-eabi-gcc', ['-mcpu=cortex-m4', '-mthumb', '-std=c11', '-Wall', '-Wextra', '-Werror', '-Os', '-nostdlib', '-nostartfiles',
    '-T', join(FIXTURES, 'tiny.ld'), '-o', elf, join(FIXTURES, 'tiny.c')]);
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  delete process.env.FAKE_WEST_FAIL;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function useFakeWest(): void {
  process.env.PATH = `${fakeBin}:${saved.PATH ?? ''}`;
  process.env.ZEPHYR_BASE = join(work, 'zephyr');
  process.env.FAKE_WEST_ARGV = argvFile;
  process.env.FAKE_WEST_ELF = elf;
}

describe('buildZephyr', () => {
  it('says in one line what to run when west is not on PATH', async () => {
    process.env.PATH = join(work, 'empty');
    process.env.ZEPHYR_BASE = join(work, 'zephyr');
    const result = await buildZephyr(appDir, 'nucleo_f446re');
    expect(result.status).toBe('not-run');
    if (result.status !== 'not-run') return;
    expect(result.reason).toBe('west is not on PATH');
    expect(result.message).not.toContain('\n');
    expect(result.message).toContain(result.command);
    expect(result.command).toBe(`west build -p auto -b nucleo_f446re -d ${join(appDir, 'build')} ${appDir}`);
    expect(existsSync(join(appDir, 'build'))).toBe(false);
  });

  it('does not run west without ZEPHYR_BASE', async () => {
    useFakeWest();
    delete process.env.ZEPHYR_BASE;
    const result = await buildZephyr(appDir, 'nucleo_f446re');
    expect(result.status).toBe('not-run');
    if (result.status === 'not-run') expect(result.reason).toBe('ZEPHYR_BASE is not set');
    expect(existsSync(argvFile)).toBe(false);
  });

  it('runs west build for the Zephyr board and measures the ELF like the gcc backend', async () => {
    useFakeWest();
    const board = resolveBoard('nucleo-f446re');
    const result = await buildZephyr(appDir, board.zephyr!.board, { board });
    expect(readFileSync(argvFile, 'utf8').trim().split('\n')).toEqual(['build', '-p', 'auto', '-b', 'nucleo_f446re', '-d', join(appDir, 'build'), appDir]);
    expect(result.status).toBe('built');
    if (result.status !== 'built') return;
    expect(result.artefacts.elf).toBe(join('zephyr', 'zephyr.elf'));
    expect(readFileSync(join(result.buildDir, result.artefacts.log), 'utf8')).toContain('Linking C executable zephyr/zephyr.elf');
    // tiny.c: 25 initialised words, 3000 zeroed bytes, a 1000-byte table in flash.
    expect(result.sizes.data).toBe(100);
    expect(result.sizes.bss).toBe(3000);
    expect(result.sizes.text).toBeGreaterThan(1000);
    const flash = result.memory?.regions.find((r) => r.name === 'flash');
    const ram = result.memory?.regions.find((r) => r.name === 'ram');
    expect(ram?.used).toBe(3100);
    expect(flash?.used).toBe(result.sizes.text + 100);
    expect(result.memory?.flash).toEqual({ used: result.sizes.text + 100, available: 512 * 1024 });
  });

  it('reports a failing west build with its output', async () => {
    useFakeWest();
    process.env.FAKE_WEST_FAIL = '1';
    await expect(buildZephyr(appDir, 'nucleo_f446re')).rejects.toMatchObject({
      code: 'ETB3201',
      message: expect.stringContaining('Could not find a package configuration file provided by "Zephyr"'),
    });
  });
});
