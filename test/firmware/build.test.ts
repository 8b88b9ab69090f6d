// Firmware builds: artefacts and manifest, memory accounting checked against binutils, no heap,
// the pre-link fit check, the linker overflow error, atomic output folders, and the host build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFirmware, HEAP_SYMBOLS } from '../../src/toolchain/gcc.js';
import { checkFit, memorySummary } from '../../src/toolchain/memory.js';
import { readManifest } from '../../src/toolchain/manifest.js';
import { resolveBoard } from '../../src/boards/resolve.js';
import { DeviceSession, LineReader } from '../../src/device/protocol.js';
import { EtbError } from '../../src/core/errors.js';
import { bytesOf, FAKE_MODEL, FAKE_MODEL_INFO, FIXTURES, floatsOf, rejection, removeTempDirs, streamCase, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const KiB = 1024;

/** Section sizes as binutils' size -A reports them (independent of etbuild's objdump parsing). */
function sectionSizes(elf: string): Map<string, { size: number; address: number }> {
  const out = execFileSync('arm-none-eabi-size', ['-A', '-d', elf], { encoding: 'utf8' });
  const sizes = new Map<string, { size: number; address: number }>();
  for (const line of out.split('\n')) {
    const m = /^(\.\S+)\s+(\d+)\s+(\d+)$/u.exec(line.trim());
    if (m !== null) sizes.set(m[1]!, { size: Number(m[2]), address: Number(m[3]) });
  }
  return sizes;
}

function symbolAddress(elf: string, name: string): number {
  const out = execFileSync('arm-none-eabi-nm', [elf], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.endsWith(` ${name}`));
  if (line === undefined) throw new Error(`${name} not in ${elf}`);
  return Number.parseInt(line.split(' ')[0]!, 16);
}

describe('an stm32f4 firmware build', () => {
  test('has its artefacts, a manifest, memory figures that agree with binutils, and no heap', async () => {
    const out = join(tempDir('build'), 'stm32f4');
    const result = await buildFirmware({ board: 'stm32f4', sources: [FAKE_MODEL], outDir: out, mode: 'run', model: FAKE_MODEL_INFO });
    expect(result.dir).toBe(out);
    for (const file of ['firmware.elf', 'firmware.bin', 'firmware.hex', 'firmware.map', 'build.log', 'etbuild.json', 'platform/linker.ld', 'platform/startup.c', 'platform/etb_board.h']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const manifest = readManifest(out);
    expect(manifest).toMatchObject({
      board: { id: 'stm32f4' },
      model: FAKE_MODEL_INFO,
      mode: 'run',
      artefacts: { elf: 'firmware.elf', bin: 'firmware.bin', hex: 'firmware.hex', map: 'firmware.map' },
      runner: { protocol: 'etb-v1', console: 'stm32-usart', baud: 115200, qemuMachine: 'netduinoplus2', flashRunners: ['stm32-uart', 'st-flash', 'openocd'] },
    });

    const elf = join(out, 'firmware.elf');
    const sizes = sectionSizes(elf);
    const size = (name: string): number => sizes.get(name)?.size ?? 0;
    const memory = manifest.memory!;
    const flashUsed = size('.text') + size('.ARM.exidx') + size('.rodata') + size('.data');
    const ramUsed = size('.stack') + size('.data') + size('.etb_planned') + size('.bss');
    expect(memory.flash).toEqual({ used: flashUsed, available: 1024 * KiB });
    expect(memory.ram).toEqual({ used: ramUsed, available: 192 * KiB });
    expect(memory.regions.map((r) => [r.name, r.used])).toEqual([['flash', flashUsed], ['ram', ramUsed], ['ccm', 0]]);
    expect(memorySummary(memory)).toEqual([
      `flash  ${(flashUsed / 1024).toFixed(1)} KiB / 1 MiB (${((100 * flashUsed) / (1024 * 1024)).toFixed(1)}%)`,
      `ram    ${(ramUsed / 1024).toFixed(1)} KiB / 128 KiB (${((100 * ramUsed) / (128 * 1024)).toFixed(0)}%)`,
      'ccm    0 B / 64 KiB (0.0%)',
    ]);
    // The .bin is the flash image: everything loaded, from the vector table on.
    expect(readFileSync(join(out, 'firmware.bin')).length).toBe(flashUsed);
    // The stack is 8 KiB at the bottom of SRAM; the planned buffer (16000 bytes) in its own section there.
    expect(sizes.get('.stack')).toEqual({ size: 8192, address: 0x20000000 });
    expect(size('.etb_planned')).toBe(16000);
    const planned = symbolAddress(elf, 'stream_planned');
    expect(planned).toBeGreaterThanOrEqual(0x20000000);
    expect(planned % 16).toBe(0);
    // The vector table's first word is the top of the stack, its second the reset handler (Thumb bit set).
    const bin = readFileSync(join(out, 'firmware.bin'));
    expect(bin.readUInt32LE(0)).toBe(0x20000000 + 8192);
    expect(bin.readUInt32LE(4)).toBe(symbolAddress(elf, 'etb_reset_handler') | 1);

    // No heap function is linked (checked with binutils' nm, not etbuild's own check).
    const symbols = execFileSync('arm-none-eabi-nm', [elf], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ').pop());
    for (const name of HEAP_SYMBOLS) expect(symbols, name).not.toContain(name);
    expect(symbols).not.toContain('printf');
  }, 120_000);

  test('a model that calls malloc is refused', async () => {
    const out = join(tempDir('heap'), 'build');
    const error = await rejection(buildFirmware({ board: 'stm32f4', sources: [join(FIXTURES, 'uses_heap_model.c')], outDir: out, mode: 'run', model: FAKE_MODEL_INFO }));
    expect(error.code).toBe('ETB3004');
    expect(error.message).toMatch(/would use the heap \((_sbrk|malloc)/u);
    expect(error.message).toContain('uses_heap_model.o calls malloc');
    expect(error.message).toContain('uses_heap_model.o calls free');
    expect(existsSync(out)).toBe(false);
    expect(error.hints).toContain(`the compiler log and the linker map are in ${out}.failed`);
  }, 120_000);
});

describe('every board etbuild builds with gcc', () => {
  test('compiles with -Werror and puts the stack and planned buffers where its placement says', async () => {
    const boards = ['mps2-an386', 'nucleo-f446re', 'nucleo-l4r5zi', 'nucleo-h743zi', 'nrf52840dk'];
    const root = tempDir('boards');
    const results = await Promise.all(boards.map((board) =>
      buildFirmware({ board, sources: [FAKE_MODEL], outDir: join(root, board), mode: 'bench', model: FAKE_MODEL_INFO })));
    for (const { manifest, program } of results) {
      const board = manifest.board;
      const region = (name: string) => board.memory.find((r) => r.name === name)!;
      const stack = region(board.placement!.stack);
      const planned = region(board.placement!.planned);
      const bin = readFileSync(program.replace(/\.elf$/u, '.bin'));
      expect(bin.readUInt32LE(0), board.id).toBe(stack.origin + board.stackSize);
      const address = symbolAddress(program, 'stream_planned');
      expect(address >= planned.origin && address < planned.origin + planned.length, board.id).toBe(true);
      expect(manifest.memory!.regions.every((r) => r.used <= r.length), board.id).toBe(true);
    }
    expect(results[3]!.manifest.board.placement).toMatchObject({ stack: 'dtcm', planned: 'axisram' });
  }, 120_000);

  test('rp2040 is refused by the gcc backend, with the reason', async () => {
    const error = await rejection(buildFirmware({ board: 'rp2040', sources: [FAKE_MODEL], outDir: join(tempDir('rp'), 'b'), mode: 'run', model: FAKE_MODEL_INFO }));
    expect(error.code).toBe('ETB1107');
    expect(error.hints).toContain('its board file allows: zephyr');
  });
});

describe('fitting a model on a board', () => {
  test('before linking: needed versus available per region, and where it would fit', () => {
    const board = resolveBoard('stm32f4');
    expect(checkFit(board, { plannedBytes: 100 * KiB, constantBytes: 600 * KiB }).map((n) => [n.region, n.needed])).toEqual([
      ['flash', 600 * KiB], ['ram', 108 * KiB], ['ccm', 0],
    ]);
    let error: EtbError | undefined;
    try {
      checkFit(board, { plannedBytes: 200 * KiB, constantBytes: 1.5 * 1024 * KiB });
    } catch (caught) {
      error = caught as EtbError;
    }
    expect(error?.code).toBe('ETB2201');
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toContain('region flash: needs 1.50 MiB (constants 1.50 MiB), has 1 MiB');
    expect(error?.message).toContain('region ram: needs 208 KiB (planned buffers 200 KiB + stack 8 KiB), has 128 KiB');
    expect(error?.hints[0]).toBe('it fits on: mps2-an385, mps2-an386, mps2-an500, mps2-an505, nucleo-h743zi, nucleo-l4r5zi');
  });

  test('buildFirmware checks the fit before compiling anything', async () => {
    const out = join(tempDir('fit'), 'build');
    const error = await rejection(buildFirmware({
      board: 'nucleo-f446re', sources: [FAKE_MODEL], outDir: out, mode: 'run', model: FAKE_MODEL_INFO,
      fit: { plannedBytes: 130 * KiB, constantBytes: 0 },
    }));
    expect(error.code).toBe('ETB2201');
    expect(existsSync(dirname(out)) && readdirSync(dirname(out))).toEqual([]);
  });

  test('a linker overflow becomes a named error, and the previous build stays untouched', async () => {
    const out = join(tempDir('overflow'), 'build');
    mkdirSync(out);
    writeFileSync(join(out, 'etbuild.json'), '{"previous": true}');
    const error = await rejection(buildFirmware({ board: 'stm32f4', sources: [join(FIXTURES, 'huge_constants_model.c')], outDir: out, mode: 'run', model: FAKE_MODEL_INFO }));
    expect(error.code).toBe('ETB2202');
    expect(error.message).toMatch(/region flash overflowed by [\d.]+ (KiB|MiB|B) \(has 1 MiB, needs /u);
    expect(error.hints.join('\n')).toContain('firmware.map');
    expect(readdirSync(out)).toEqual(['etbuild.json']);
    expect(readFileSync(join(out, 'etbuild.json'), 'utf8')).toBe('{"previous": true}');
    // No partial folder left behind; the failed one keeps the log and the map, and no manifest.
    expect(readdirSync(dirname(out)).sort()).toEqual(['build', 'build.failed']);
    expect(existsSync(join(`${out}.failed`, 'firmware.map'))).toBe(true);
    expect(readFileSync(join(`${out}.failed`, 'build.log'), 'utf8')).toContain("region `flash' overflowed");
    expect(existsSync(join(`${out}.failed`, 'etbuild.json'))).toBe(false);
  }, 120_000);
});

describe('the host board', () => {
  test('builds a native runner that speaks the same protocol on stdin/stdout', async () => {
    const out = join(tempDir('host'), 'build');
    const result = await buildFirmware({ board: 'host', sources: [FAKE_MODEL], outDir: out, mode: 'run', model: FAKE_MODEL_INFO });
    expect(result.manifest.artefacts).toMatchObject({ executable: 'runner' });
    expect(result.manifest.memory).toBeNull();

    const child = spawn(result.program, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = new LineReader();
    child.stdout.on('data', (chunk: Buffer) => lines.push(chunk));
    child.on('exit', (code) => lines.close(`exit ${code}`));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const session = new DeviceSession({
      write: (text) => new Promise((done) => child.stdin.write(text, () => done())),
      readLine: (ms) => lines.readLine(ms),
    });
    expect((await session.hello()).methods.map((m) => m.name)).toEqual(['forward', 'stream', 'fail', 'hang', 'crash']);
    await session.sendInputs('forward', [bytesOf(new Float32Array([0, 41, -1]))]);
    expect(Array.from(floatsOf((await session.run()).outputs[0]!))).toEqual([1, 42, 0]);
    const big = streamCase();
    await session.sendInputs('stream', big.inputs);
    expect(floatsOf((await session.run()).outputs[0]!)).toEqual(big.expected);
    await session.sendInputs('fail', []);
    expect(await session.run()).toMatchObject({ status: 3, failedInstruction: 2 });
    await session.exit();
    expect(await exited).toBe(3);
  }, 60_000);
});
