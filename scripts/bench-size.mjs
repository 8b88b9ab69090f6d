#!/usr/bin/env node
// npm run bench:size [-- BOARD] — flash and RAM of every golden program that runs on the host
// (the selection of test/host/golden-cases.ts), built as firmware for a board (stm32f4 by
// default), as a Markdown table. Byte figures from the linked ELF: the same sources give the
// same numbers on every run.
//   flash: code, constants and .data's initial values; RAM: everything in RAM, stack included;
//   planned: the memory plan's buffers; constants (.pte): the program's constant data (the
//   firmware may store less: e.g. int8 weights repacked, scales folded into the generated code);
//   stack: the stack region (computed worst case + margin); beyond: RAM - planned - stack.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../dist/pipeline.js';

const board = process.argv[2] ?? 'stm32f4';
const shared = resolve(import.meta.dirname, '../../shared');
const golden = join(shared, 'golden');
const corpus = join(shared, 'pte-corpus');
const index = JSON.parse(readFileSync(join(golden, 'index.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'));
const delegated = new Set(manifest.filter((m) => (m.execution_plans ?? []).some((p) => p.delegates.length > 0)).map((m) => m.file));
const programs = new Map();
for (const c of index.cases) {
  if (!['portable', 'deprecated-constant-buffer-enabled'].includes(c.runner_variant) || delegated.has(c.model_file)) continue;
  const spec = JSON.parse(readFileSync(join(golden, c.folder, 'case.json'), 'utf8'));
  if (!programs.has(c.model_file)) programs.set(c.model_file, spec.external_data_file);
}

const work = mkdtempSync(join(tmpdir(), 'etb-bench-size-'));
const rows = [];
const refused = [];
try {
  for (const [file, data] of [...programs].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      const outcome = await build({
        modelPath: join(corpus, file), board, outDir: join(work, file),
        ...(data ? { dataPath: join(corpus, data) } : {}),
      });
      const { memory } = outcome.manifest;
      const planned = outcome.analysis.methods.reduce((sum, m) => sum + m.plannedBytes, 0);
      const stack = memory.stack;
      if (stack.sizing !== 'computed') console.error(`${file}: stack ${stack.sizing}: ${stack.warnings.join('; ')}`);
      rows.push([file, memory.flash.used, memory.ram.used, planned, outcome.analysis.constantBytes, stack.size, memory.ram.used - planned - stack.size]);
    } catch (error) {
      if (error?.code !== 'ETB2201') throw error;
      // ETB2201 says, before compiling, which region is short: "region ram: needs 5.36 MiB (...), has 128 KiB".
      refused.push(`${file}: ${/region .*/u.exec(error.message)?.[0] ?? error.message}`);
    }
    rmSync(join(work, file), { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const header = ['program', 'flash', 'RAM', 'planned', 'constants (.pte)', 'stack', 'RAM beyond planned+stack'];
const cell = (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(cell(r[i])).length)));
const line = (r) => `| ${r.map((v, i) => (i === 0 || typeof v !== 'number' ? String(cell(v)).padEnd(widths[i]) : String(cell(v)).padStart(widths[i]))).join(' | ')} |`;
console.log(`Sizes in bytes on ${board} (etbuild ${JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')).version}, arm-none-eabi-gcc -Os):\n`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
if (refused.length > 0) console.log(`\nRefused before compiling (ETB2201, does not fit ${board}):\n${refused.map((r) => `- ${r}`).join('\n')}`);
