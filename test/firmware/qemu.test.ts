// The fake model's firmware, built for each QEMU board, run in qemu-system-arm: outputs must be
// what the model computes (checked against JavaScript float32 arithmetic), inputs of any size
// must stream through the console, and a failing method must make QEMU exit nonzero.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFirmware, type BuildResult } from '../../src/toolchain/gcc.js';
import { benchOnQemu, runOnQemu } from '../../src/device/qemu.js';
import { bytesOf, FAKE_MODEL, FAKE_MODEL_INFO, floatsOf, rejection, removeTempDirs, streamCase, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const QEMU_BOARDS = ['stm32f4', 'mps2-an385', 'mps2-an500', 'mps2-an505', 'mps3-an547'] as const;

async function build(board: string, mode: 'run' | 'bench' = 'run'): Promise<BuildResult> {
  return buildFirmware({ board, sources: [FAKE_MODEL], outDir: `${tempDir(board)}/build`, mode, model: FAKE_MODEL_INFO });
}

/** Streaming is the console's job: one board per UART driver (STM32 USART, CMSDK UART) is enough. */
const STREAMING_BOARDS: readonly string[] = ['stm32f4', 'mps2-an385'];

describe.each(QEMU_BOARDS)('%s under QEMU', (boardId) => {
  test(`forward gives input + 1${STREAMING_BOARDS.includes(boardId) ? ', and a 16 KB input streams through the console' : ''}`, async () => {
    const { dir } = await build(boardId);

    const small = await runOnQemu({ buildDir: dir, method: 'forward', inputs: [bytesOf(new Float32Array([1.5, -2, 1e30]))] });
    expect(small.status).toBe(0);
    expect(small.device).toMatchObject({ board: boardId, model: 'fake', mode: 'run' });
    expect(Array.from(floatsOf(small.outputs[0]!))).toEqual([2.5, -1, Math.fround(1e30)]);
    if (!STREAMING_BOARDS.includes(boardId)) return;

    const big = streamCase();
    const result = await runOnQemu({ buildDir: dir, method: 'stream', inputs: big.inputs });
    expect(result.status).toBe(0);
    expect(result.outputs.map((o) => o.length)).toEqual([16000, 8]);
    expect(floatsOf(result.outputs[0]!)).toEqual(big.expected);
    expect(new BigInt64Array(result.outputs[1]!.slice().buffer)[0]).toBe(big.negatives);
  }, 120_000);
});

describe('an ARMv6-M (Cortex-M0+) build', () => {
  test('runs on the AN385, whose ARMv7-M core executes ARMv6-M code unchanged', async () => {
    const dir = tempDir('m0');
    const boardFile = join(dir, 'm0plus-on-an385.json');
    writeFileSync(boardFile, JSON.stringify({ inherits: ['cortex-m0plus', 'mps2'], name: 'ARMv6-M code on the AN385', qemu: { machine: 'mps2-an385' } }));
    const { dir: buildDir, manifest } = await buildFirmware({ board: boardFile, sources: [FAKE_MODEL], outDir: join(dir, 'build'), mode: 'run', model: FAKE_MODEL_INFO });
    expect(manifest.board.cpu).toMatchObject({ core: 'cortex-m0plus', fpu: 'none', floatAbi: 'soft' });
    const result = await runOnQemu({ buildDir, method: 'forward', inputs: [bytesOf(new Float32Array([0.25, 8, -0.5]))] });
    expect(Array.from(floatsOf(result.outputs[0]!))).toEqual([1.25, 9, 0.5]);
    const crash = await rejection(runOnQemu({ buildDir, method: 'crash', inputs: [] }));
    expect(crash.code).toBe('ETB4103'); // the fault handler's Thumb-1 path reports too
  }, 120_000);
});

describe('failures under QEMU', () => {
  test('a failing method reports its status and instruction, and QEMU exits with the status', async () => {
    const { dir } = await build('mps2-an385');
    const result = await runOnQemu({ buildDir: dir, method: 'fail', inputs: [] });
    expect(result.status).toBe(3); // ETB_SHAPE_MISMATCH
    expect(result.failedInstruction).toBe(2);
    expect(result.outputs).toEqual([]);

    const wrongSize = await rejection(runOnQemu({ buildDir: dir, method: 'forward', inputs: [new Uint8Array(8)] }));
    expect(wrongSize.code).toBe('ETB1109');
    expect(wrongSize.message).toContain('input 0 must be 12 bytes, got 8');

    const noMethod = await rejection(runOnQemu({ buildDir: dir, method: 'backward', inputs: [] }));
    expect(noMethod.code).toBe('ETB1109');
    expect(noMethod.hints[0]).toBe('its methods: forward, stream, fail, hang, crash');

    const hang = await rejection(runOnQemu({ buildDir: dir, method: 'hang', inputs: [], timeoutMs: 3000 }));
    expect(hang.code).toBe('ETB4106');
    expect(hang.message).toContain('did not finish within 3 s');

    const crash = await rejection(runOnQemu({ buildDir: dir, method: 'crash', inputs: [] }));
    expect(crash.code).toBe('ETB4103');
    expect(crash.message).toMatch(/crashed .* at pc=0x[0-9a-f]{8}/u);
  }, 120_000);

  test('a board without a QEMU machine is refused', async () => {
    const error = await rejection(runOnQemu({ elf: '/nonexistent.elf', board: 'nucleo-f446re', inputs: [] }));
    expect(error.code).toBe('ETB1108');
  });
});

describe('bench builds under QEMU', () => {
  test('report a count per timed run and one line per operator', async () => {
    const { dir } = await build('stm32f4', 'bench');
    const result = await benchOnQemu({ buildDir: dir, method: 'forward', inputs: [bytesOf(new Float32Array([1, 2, 3]))], warmup: 2, iterations: 5 });
    expect(result.status).toBe(0);
    expect(result.device).toMatchObject({ mode: 'bench', timer: 'systick', clockHz: 16_000_000 });
    expect(result.iterations).toHaveLength(5);
    for (const count of result.iterations) expect(count).toBeGreaterThan(0);
    expect(result.ops).toEqual([{ instruction: 0, name: 'aten::add.Scalar_out', cycles: expect.any(Number) as number }]);
    expect(result.ops[0]!.cycles).toBeLessThanOrEqual(Math.max(...result.iterations));
  }, 120_000);
});
