#!/usr/bin/env node
// npm run bench:host — the generated C of every golden program that runs on the host, timed over
// many runs (inputs set again before each), beside the real ExecuTorch runtime's median from
// ../shared/golden/index.json (measured on this kind of machine). Wall-clock figures: indicative.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { buildHost, loadModel } from '../dist/pipeline.js';

const shared = resolve(import.meta.dirname, '../../shared');
const golden = join(shared, 'golden');
const corpus = join(shared, 'pte-corpus');
const index = JSON.parse(readFileSync(join(golden, 'index.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'));
const delegated = new Set(manifest.filter((m) => (m.execution_plans ?? []).some((p) => p.delegates.length > 0)).map((m) => m.file));
// One case per program and method: its default input set (the folder name has no third part).
const cases = index.cases.filter((c) =>
  ['portable', 'deprecated-constant-buffer-enabled'].includes(c.runner_variant) && !delegated.has(c.model_file) &&
  c.folder.split('@').length <= 2 && !(c.folder.includes('@') && c.method === 'forward'));

const work = mkdtempSync(join(tmpdir(), 'etb-bench-'));
const builds = new Map();
const rows = [];
try {
  for (const c of cases) {
    const spec = JSON.parse(readFileSync(join(golden, c.folder, 'case.json'), 'utf8'));
    let build = builds.get(c.model_file);
    if (!build) {
      try {
        const model = await loadModel(join(corpus, c.model_file), spec.external_data_file ? join(corpus, spec.external_data_file) : undefined);
        build = await buildHost(model, join(work, c.model_file));
      } catch (error) {
        build = { error: error.code ?? String(error) };
      }
      builds.set(c.model_file, build);
    }
    if (build.error) { rows.push([c.folder, `not built (${build.error})`, c.host_latency_median_us, '']); continue; }
    const runs = c.host_latency_median_us > 10_000 ? 5 : c.host_latency_median_us > 100 ? 200 : 2000;
    const out = join(work, `out-${rows.length}`);
    mkdirSync(out);
    const { stdout } = await execa(build.runner, [c.method, join(golden, c.folder, 'inputs'), out, '--bench', String(runs)], { stdout: 'pipe' });
    rmSync(out, { recursive: true, force: true });
    const median = Number(/median_ns=([\d.]+)/.exec(stdout)?.[1]) / 1000;
    rows.push([c.folder, median.toFixed(2), c.host_latency_median_us, (median / c.host_latency_median_us).toFixed(2)]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const header = ['case', 'etbuild median µs', 'ExecuTorch median µs', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((v, i) => String(v).padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
