#!/usr/bin/env node
// npm run bench:kws — the keyword-spotting figures of issue 5 against upstream ExecuTorch:
//   1. arduino-kws.pte built for stm32f4 (the firmware `etbuild arduino-kws.pte -b stm32f4` makes):
//      flash and RAM in total, stack included;
//   2. the same program built in bench mode for mps2-an386 (Cortex-M4F) and run in QEMU with
//      `-icount shift=0` on the golden input: SysTick counted around the method call.
// Under -icount shift=0 every instruction lasts 1 ns of virtual time and the MPS2 SysTick counts
// the 25 MHz board clock, so one tick is 40 instructions: counts resolve 40 instructions.
// Each count is the first run after the input was loaded, in a QEMU of its own: the memory plan
// reuses the input's buffer for activations, so a second run would see other data (and take a
// slightly different count). Two sessions must agree to the tick.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, readInputFiles } from '../dist/pipeline.js';
import { benchOnQemu } from '../dist/device/qemu.js';
import { reportForBuild } from '../dist/report/index.js';

const shared = resolve(import.meta.dirname, '../../shared');
const model = join(shared, 'pte-corpus', 'arduino-kws.pte');
const inputs = readInputFiles(join(shared, 'golden', 'arduino-kws', 'inputs'));
// Issue 5: the DS-CNN's multiply-accumulates, and upstream's runtime with CMSIS-NN (DSP kernels),
// cross-compiled for Cortex-M4 and run the same way in the same QEMU.
const MACS = 2_656_768;
const UPSTREAM = { instructions: 8_481_876, flash: 102_600, ram: 31_000 };
const TARGET = { flash: 48 * 1024, ram: 17 * 1024, instructionRatio: 0.8 };
const ICOUNT_SHIFT = 0;

const work = mkdtempSync(join(tmpdir(), 'etb-bench-kws-'));
try {
  const firmware = await build({ modelPath: model, board: 'stm32f4', outDir: join(work, 'stm32f4') });
  const { memory } = firmware.manifest;
  const planned = firmware.analysis.methods.reduce((sum, m) => sum + m.plannedBytes, 0);

  const benchBuild = await build({ modelPath: model, board: 'mps2-an386', outDir: join(work, 'an386'), mode: 'bench' });
  const board = benchBuild.manifest.board;
  const instructionsPerTick = 1e9 / board.clockHz / 2 ** ICOUNT_SHIFT;
  const ticks = [];
  for (let session = 0; session < 2; session++) {
    const bench = await benchOnQemu({
      elf: join(benchBuild.dir, 'firmware.elf'),
      board: { ...board, qemu: { machine: board.qemu.machine, icountShift: ICOUNT_SHIFT } },
      inputs, warmup: 0, iterations: 1,
    });
    if (bench.status !== 0) throw new Error(`the bench run failed with status ${bench.status}`);
    ticks.push(bench.iterations[0]);
  }
  if (ticks[0] !== ticks[1]) throw new Error(`two QEMU sessions counted differently: ${ticks.join(', ')} SysTick ticks`);
  const instructions = ticks[0] * instructionsPerTick;
  const parts = (await reportForBuild({ analysis: firmware.analysis, buildDir: firmware.dir })).memory.regions
    .find((r) => r.name === 'flash').parts.filter((p) => p.bytes > 0);

  const n = (v) => v.toLocaleString('en-US');
  const verdict = (ok) => (ok ? 'reached' : 'NOT reached');
  console.log(`arduino-kws.pte, etbuild ${firmware.manifest.etbuild}, arm-none-eabi-gcc -Os\n`);
  console.log('| figure | etbuild | target | upstream ExecuTorch + CMSIS-NN |');
  console.log('|---|---:|---|---:|');
  console.log(`| flash, whole firmware (stm32f4) | ${n(memory.flash.used)} B | <= ${n(TARGET.flash)} B: ${verdict(memory.flash.used <= TARGET.flash)} | ~${n(UPSTREAM.flash)} B |`);
  console.log(`| RAM in total, stack included (stm32f4) | ${n(memory.ram.used)} B | <= ${n(TARGET.ram)} B: ${verdict(memory.ram.used <= TARGET.ram)} | ~${n(UPSTREAM.ram)} B |`);
  console.log(`| instructions per inference (mps2-an386, -icount shift=0) | ${n(instructions)} | <= ${TARGET.instructionRatio} x upstream: ${verdict(instructions <= TARGET.instructionRatio * UPSTREAM.instructions)} | ${n(UPSTREAM.instructions)} |`);
  console.log(`| instructions per MAC (${n(MACS)} MACs) | ${(instructions / MACS).toFixed(2)} | | ${(UPSTREAM.instructions / MACS).toFixed(2)} |`);
  console.log(`\nratio to upstream: flash ${(memory.flash.used / UPSTREAM.flash).toFixed(2)}x, RAM ${(memory.ram.used / UPSTREAM.ram).toFixed(2)}x, instructions ${(instructions / UPSTREAM.instructions).toFixed(2)}x`);
  console.log(`RAM: ${n(planned)} B planned + ${n(memory.stack.size)} B stack (computed worst case ${n(memory.stack.worstCase)} B + ${memory.stack.margin} B margin) + ${n(memory.ram.used - planned - memory.stack.size)} B other`);
  console.log(`flash: ${parts.map((p) => `${p.part} ${n(p.bytes)} B`).join(', ')} (the program has ${n(firmware.analysis.constantBytes)} B of constant data; the runner and its protocol are in "runtime")`);
  console.log(`SysTick ticks per inference: ${ticks[0]} in each of two QEMU sessions (x ${instructionsPerTick} instructions each)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
