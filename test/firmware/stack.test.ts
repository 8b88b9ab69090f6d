// The stack is sized at build time from the firmware's worst-case depth (src/toolchain/stack.ts)
// and checked at run time: the startup paints the stack and the runner reports its high-water
// mark. Real corpus programs, built for an M4F and an M3, run under QEMU on the golden inputs:
// the deepest the stack really went must be within the computed worst case of the thread (no
// exception is taken in a run), and the size reserved must not waste more than 1 KiB. (The golden
// cases under QEMU, test/firmware/golden-qemu.test.ts, run every program with a computed stack.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { build, readInputFiles } from '../../src/pipeline.js';
import { benchOnQemu, runOnQemu } from '../../src/device/qemu.js';
import { buildFirmware } from '../../src/toolchain/gcc.js';
import { analyseStack, parseDisassembly, parseStackUsage, sizeStack, STACK_MARGIN, type StackReport } from '../../src/toolchain/stack.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';
import { FAKE_MODEL, FAKE_MODEL_INFO } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'etb-stack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const stackOf = (report: StackReport | undefined): StackReport => {
  if (report === undefined) throw new Error('the build recorded no stack');
  return report;
};

describe.skipIf(!sharedAvailable).concurrent('computed stack against the measured high-water mark', () => {
  const cases = [
    ...['arduino-add', 'arduino-kws', 'dnf-ecg-filter5'].flatMap((model) => ['stm32f4', 'mps2-an385'].map((board) => [model, board] as const)),
    ['arduino-add', 'mps2-an505'] as const, // code at 0x10000000 and up: another layout of the disassembly
  ];
  test.each(cases)('%s on %s', async (model, board) => {
    // One of them is a bench build: its SysTick interrupts come on top of the method's stack.
    const bench = model === 'arduino-add' && board === 'stm32f4';
    const outcome = await build({ modelPath: sharedPath('pte-corpus', `${model}.pte`), board, outDir: join(work, `${model}-${board}`), mode: bench ? 'bench' : 'run' });
    const stack = stackOf(outcome.manifest.memory?.stack);
    expect(stack.sizing).toBe('computed');
    expect(stack.warnings).toEqual([]);
    const estimate = stack.estimate!;
    expect(stack.size).toBe(Math.ceil((estimate.worstCase + STACK_MARGIN) / 8) * 8);
    // The .stack section of the linked firmware is that size, and the memory report counts it.
    expect(outcome.manifest.memory!.sections.find((s) => s.name === '.stack')?.size).toBe(stack.size);

    const inputs = readInputFiles(sharedPath('golden', model, 'inputs'));
    const result = await runOnQemu({ buildDir: outcome.dir, inputs });
    expect(result.status).toBe(0);
    const measured = result.stack!;
    expect(measured.size).toBe(stack.size);
    expect(measured.used).toBeGreaterThan(0);
    // A run takes no exception: the thread's own worst case bounds it.
    expect(measured.used).toBeLessThanOrEqual(estimate.thread.bytes);
    expect(stack.size).toBeLessThan(measured.used + 1024);
    if (bench) {
      const benched = await benchOnQemu({ buildDir: outcome.dir, inputs, warmup: 1, iterations: 2 });
      expect(benched.status).toBe(0);
      expect(benched.iterations).toHaveLength(2);
      expect(benched.stack!.used).toBeGreaterThanOrEqual(measured.used);
      expect(benched.stack!.used).toBeLessThanOrEqual(estimate.worstCase);
    }
  });
});

describe('firmware whose method calls etbuild cannot follow (the fake model is not generated code)', () => {
  test('the stack falls back to the board\'s stackSize, with the reason', async () => {
    const result = await buildFirmware({ board: 'stm32f4', sources: [FAKE_MODEL], outDir: join(work, 'fake'), mode: 'run', model: FAKE_MODEL_INFO });
    const stack = stackOf(result.manifest.memory?.stack);
    expect(stack).toMatchObject({ size: result.manifest.board.stackSize, sizing: 'fallback', worstCase: null });
    expect(stack.warnings[0]).toMatch(/main calls a function through a pointer/u);
  });

  test('a fixed size (--stack-size) is linked and reported by the firmware', async () => {
    const result = await buildFirmware({ board: 'mps2-an385', sources: [FAKE_MODEL], outDir: join(work, 'fake-fixed'), mode: 'run', model: FAKE_MODEL_INFO, stackSize: 1024 });
    expect(result.manifest.memory?.stack).toMatchObject({ size: 1024, sizing: 'option', warnings: [] });
    const run = await runOnQemu({ buildDir: result.dir, method: 'forward', inputs: [new Uint8Array(12)] });
    expect(run.stack).toMatchObject({ size: 1024 });
    expect(run.stack!.used).toBeLessThan(1024);
  });
});

test('--stack-size is refused unless it is a multiple of 8', async () => {
  await expect(build({ modelPath: 'unused.pte', board: 'stm32f4', outDir: join(work, 'x'), stackSize: 1001 })).rejects.toMatchObject({ code: 'ETB1111' });
});

describe('the analysis on small inputs', () => {
  const disassembly = (body: string): string => body.split('\n').map((line) => line.trim()).join('\n').replace(/^(\s*[0-9a-f]+:)/gmu, ' $1');

  test('sizing: worst case plus margin, a fixed size that is too small, a fallback', () => {
    const board = { id: 'b', stackSize: 8192, stackSizing: 'computed' as const };
    const thread = { entry: 'f', bytes: 900, frames: [] };
    const known = { ok: true as const, estimate: { thread, exceptions: [], worstCase: 1001 } };
    expect(sizeStack(known, board)).toMatchObject({ size: 1072, sizing: 'computed', worstCase: 1001, margin: 71, warnings: [] });
    expect(sizeStack(known, { ...board, stackSizing: 'fixed' })).toMatchObject({ size: 8192, sizing: 'board', warnings: [] });
    expect(sizeStack(known, board, 512).warnings).toEqual(['the stack (512 bytes) is smaller than the firmware\'s worst case (1001 bytes): it can overflow']);
    expect(sizeStack({ ok: false, problems: ['recursion: f → f'] }, board)).toMatchObject({ size: 8192, sizing: 'fallback', worstCase: null });
  });

  test('.su lines: static, bounded and dynamic frames', () => {
    expect(parseStackUsage('a.c:1:5:f\t24\tstatic\nb.c:2:6:g.part.0\t40\tdynamic,bounded\nb.c:3:6:h\t8\tdynamic\n')).toEqual([
      { file: 'a.c', name: 'f', bytes: 24, kind: 'static' },
      { file: 'b.c', name: 'g.part.0', bytes: 40, kind: 'bounded' },
      { file: 'b.c', name: 'h', bytes: 8, kind: 'dynamic' },
    ]);
  });

  // Vector table: reset = f, HardFault and SysTick = h.
  const vectors = [0x20001000, 0x101, 0, 0x301, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x301];
  const text = disassembly(`
    00000100 <f>:
    100:\tpush\t{r4, r5, r6, lr}
    102:\tsub\tsp, #16
    104:\tbl\t200 <g>
    108:\tbeq.n\t104 <f+0x4>
    10a:\tpop\t{r4, r5, r6, pc}
    00000200 <g>:
    200:\tpush\t{r3, r4, r5, r6, r7, r8, r9, sl, fp, lr}
    204:\tvpush\t{d8-d9}
    208:\tb.w\t300 <h>
    00000300 <h>:
    300:\tstr.w\tlr, [sp, #-4]!
    304:\tldr.w\tpc, [sp], #4
  `);

  test('frames: the larger of gcc\'s figure and the instructions\' pushes; tail calls are edges', () => {
    const functions = parseDisassembly(text);
    expect(functions.map((fn) => [fn.name, fn.pushedBytes, fn.targets, fn.indirect])).toEqual([
      ['f', 32, [0x200], false],
      ['g', 56, [0x300], false],
      ['h', 4, [], false],
    ]);
    const analysis = analyseStack({
      functions,
      // gcc says 0 for g, as for a naked function whose assembly pushes registers.
      usage: parseStackUsage('x.c:1:1:f\t40\tstatic\nx.c:2:1:g\t0\tstatic\n'),
      vectors, dispatchSources: [], methodSources: [], exceptionFrameBytes: 36,
    });
    if (!analysis.ok) throw new Error(analysis.problems.join('; '));
    expect(analysis.estimate.thread.frames.map((f) => [f.name, f.bytes, f.from])).toEqual([['f', 40, 'su'], ['g', 56, 'instructions'], ['h', 4, 'instructions']]);
    // thread 100, plus SysTick and HardFault (h, 4 bytes each) with a 36-byte exception frame each.
    expect(analysis.estimate.worstCase).toBe(100 + 2 * (36 + 4));
  });

  test('addresses from 0x10000000 up (objdump does not pad them with a space)', () => {
    const high = '10001950 <etb_reset_handler>:\n10001950:\tpush\t{r3, lr}\n10001952:\tbl\t10002000 <main>\n\n10002000 <main>:\n10002000:\tbx\tlr\n';
    expect(parseDisassembly(high).map((fn) => [fn.name, fn.pushedBytes, fn.targets])).toEqual([['etb_reset_handler', 8, [0x10002000]], ['main', 0, []]]);
  });

  test('recursion, a frame of run-time size and an unknown indirect call make the depth unknown', () => {
    const cyclic = text.replace('b.w\t300 <h>', 'bl\t100 <f>').replace('str.w\tlr, [sp, #-4]!', 'blx\tr3\n 302:\tsub\tsp, sp, r2');
    const analysis = analyseStack({
      functions: parseDisassembly(cyclic), usage: [], vectors, dispatchSources: [], methodSources: [], exceptionFrameBytes: 36,
    });
    expect(analysis.ok).toBe(false);
    expect(analysis.ok ? [] : analysis.problems).toEqual([
      'recursion: f → g → f',
      'h calls a function through a pointer that etbuild cannot follow',
      'h moves the stack pointer by a run-time value',
    ]);
  });

  test('an indirect call of the runner is a call of every method function', () => {
    const withMethods = `${text.replace('bl\t200 <g>', 'blx\tr3')}\n00000400 <forward_run>:\n 400:\tpush\t{r4, lr}\n 402:\tsub\tsp, #64\n`;
    const analysis = analyseStack({
      functions: parseDisassembly(withMethods),
      usage: parseStackUsage('runner.c:1:1:f\t40\tstatic\nmodel.c:1:1:forward_run\t72\tstatic\n'),
      vectors, dispatchSources: ['runner.c'], methodSources: ['model.c'], exceptionFrameBytes: 36,
    });
    if (!analysis.ok) throw new Error(analysis.problems.join('; '));
    expect(analysis.estimate.thread.frames.map((f) => f.name)).toEqual(['f', 'forward_run']);
    expect(analysis.estimate.thread.bytes).toBe(40 + 72);
  });
});
