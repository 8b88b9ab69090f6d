// The memory report of a real program built for a real board (stm32f4 firmware with
// arm-none-eabi-gcc), rendered by a real browser: the numbers on the page must be etbuild.json's,
// the parts must add up and agree with the program's independently decoded facts, the plan
// picture must have one box per planned tensor (and agree with the planner: no two tensors
// alive at once share a byte), and the screenshot must show the charts.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOutcome, type HostBuild } from '../../src/pipeline.js';
import { buildFirmware } from '../../src/toolchain/gcc.js';
import { formatBytes, type MemoryReport } from '../../src/toolchain/memory.js';
import { PART_COLOURS } from '../../src/report/html.js';
import { buildReport, renderReportHtml, renderReportText, reportForBuild, type ReportModel } from '../../src/report/index.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';
import { chromiumAvailable, dumpDom, screenshot } from './support/chromium.js';
import { decodePng } from './support/png.js';

const MODEL = 'dnf-ecg-filter';
const work = mkdtempSync(join(tmpdir(), 'etb-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let hostBuild: Promise<BuildOutcome> | undefined;
/** The program built for the host once per file: its analysis and generated C serve every test. */
function buildForHost(): Promise<BuildOutcome> {
  hostBuild ??= build({ modelPath: sharedPath('pte-corpus', `${MODEL}.pte`), board: 'host', outDir: join(work, 'host'), methods: ['forward'] });
  return hostBuild;
}

interface CorpusPlan {
  readonly name: string;
  readonly operators: readonly { readonly name: string; readonly overload: string; readonly calls: number }[];
  readonly non_const_buffer_sizes: readonly number[];
  readonly planned_memory_bytes: number;
  readonly value_types: Readonly<Record<string, number>>;
  readonly unplanned_io_or_intermediate_tensors: number;
}

interface CorpusEntry {
  readonly file: string;
  readonly constant_data_bytes: number;
  readonly constant_tensor_count: number;
  readonly execution_plans: readonly CorpusPlan[];
}

/** Elements of a serialised DOM that carry the given attribute: their attributes and text. */
function elementsWith(dom: string, attribute: string): { tag: string; attrs: Map<string, string>; text: string }[] {
  const found = [];
  for (const match of dom.matchAll(/<([a-zA-Z][\w-]*)\s([^>]*)>([^<]*)/gu)) {
    const attrs = new Map([...match[2]!.matchAll(/([\w-]+)="([^"]*)"/gu)].map((a) => [a[1]!, a[2]!]));
    if (attrs.has(attribute)) found.push({ tag: match[1]!, attrs, text: match[3]! });
  }
  return found;
}

function metric(dom: string, name: string, region?: string) {
  const hits = elementsWith(dom, 'data-metric').filter((e) => e.attrs.get('data-metric') === name && (region === undefined || e.attrs.get('data-region') === region));
  expect(hits, `exactly one ${name}${region ? ` for ${region}` : ''}`).toHaveLength(1);
  return { value: Number(hits[0]!.attrs.get('data-value')), text: hits[0]!.text.trim() };
}

describe.skipIf(!sharedAvailable || !chromiumAvailable)('the memory report of a stm32f4 firmware', () => {
  let host: HostBuild;
  let firmwareDir: string;
  let etbuildJson: { memory: MemoryReport; board: { placement: { stack: string; planned: string; constants: string } } };
  let corpus: CorpusEntry;
  let plan: CorpusPlan;
  let report: ReportModel;
  let page: string;
  let dom: string;
  let png: string;

  beforeAll(async () => {
    const outcome = await buildForHost();
    host = outcome.host!;
    firmwareDir = join(work, 'firmware');
    await buildFirmware({
      board: 'stm32f4',
      generatedDir: join(host.dir, 'model'),
      sources: host.project.sources.filter((s) => !s.startsWith('model/')).map((s) => join(host.dir, s)),
      includeDirs: host.project.includeDirs.map((d) => join(host.dir, d)),
      outDir: firmwareDir,
      mode: 'run',
      model: { file: `${MODEL}.pte`, sha256: outcome.model.sha256 },
    });
    etbuildJson = JSON.parse(readFileSync(join(firmwareDir, 'etbuild.json'), 'utf8')) as typeof etbuildJson;
    const entries = JSON.parse(readFileSync(sharedPath('pte-corpus', 'manifest.json'), 'utf8')) as CorpusEntry[];
    corpus = entries.find((e) => e.file === `${MODEL}.pte`)!;
    plan = corpus.execution_plans.find((p) => p.name === 'forward')!;

    report = await reportForBuild({ analysis: host.analysis, buildDir: firmwareDir });
    page = join(work, 'report.html');
    png = join(work, 'report.png');
    writeFileSync(page, renderReportHtml(report));
    [dom] = await Promise.all([dumpDom(page), screenshot(page, png)]);
  });

  it('shows the flash and RAM use of etbuild.json, per region', () => {
    const { memory } = etbuildJson;
    for (const kind of ['flash', 'ram'] as const) {
      expect(metric(dom, `${kind}-used`)).toEqual({ value: memory[kind].used, text: formatBytes(memory[kind].used) });
      expect(metric(dom, `${kind}-available`)).toEqual({ value: memory[kind].available, text: formatBytes(memory[kind].available) });
    }
    expect(memory.regions.length).toBeGreaterThan(1);
    for (const region of memory.regions) {
      expect(metric(dom, 'region-used', region.name)).toEqual({ value: region.used, text: formatBytes(region.used) });
      expect(metric(dom, 'region-available', region.name)).toEqual({ value: region.length, text: formatBytes(region.length) });
    }
  });

  it('splits each region into parts that add up and match the program', () => {
    const regions = report.memory!.regions;
    const cells = elementsWith(dom, 'data-part').filter((e) => e.tag === 'td');
    for (const region of regions) {
      expect(region.parts.reduce((sum, p) => sum + p.bytes, 0), region.name).toBe(region.used);
      for (const part of region.parts.filter((p) => p.bytes > 0)) {
        const cell = cells.find((c) => c.attrs.get('data-region') === region.name && c.attrs.get('data-part') === part.part);
        expect(Number(cell?.attrs.get('data-value')), `${region.name} ${part.part}`).toBe(part.bytes);
      }
    }
    const bytes = (region: string, part: string): number => regions.find((r) => r.name === region)!.parts.find((p) => p.part === part)!.bytes;
    const { placement } = etbuildJson.board;
    // The planned buffers and constants of the linked firmware are the program's, as decoded independently.
    expect(bytes(placement.planned, 'planned')).toBe(plan.planned_memory_bytes);
    expect(bytes(placement.constants, 'constants')).toBe(corpus.constant_data_bytes);
    // The stack region is the size the build chose (its computed worst case plus a margin).
    expect(bytes(placement.stack, 'stack')).toBe(etbuildJson.memory.stack?.size);
    expect(bytes('flash', 'kernels')).toBeGreaterThan(0);
    expect(bytes('flash', 'runtime')).toBeGreaterThan(0);
    expect(bytes('flash', 'model')).toBeGreaterThan(0);
  });

  it('draws the memory plan with one box per planned tensor, placed as the planner placed it', () => {
    const planned = (plan.value_types.Tensor ?? 0) - plan.unplanned_io_or_intermediate_tensors - corpus.constant_tensor_count;
    const boxes = elementsWith(dom, 'data-tensor');
    expect(boxes).toHaveLength(planned);
    expect(dom.match(/<g class="tensor"[^>]*><rect /gu)).toHaveLength(planned);
    const panels = elementsWith(dom, 'data-buffer');
    expect(panels.map((p) => Number(p.attrs.get('data-buffer')))).toEqual([1]);
    expect(metric(dom, 'buffer-size').value).toBe(plan.non_const_buffer_sizes[1]);

    const tensors = report.plans[0]!.buffers[0]!.tensors;
    for (const t of tensors) {
      expect(t.offset + t.nbytes).toBeLessThanOrEqual(plan.non_const_buffer_sizes[1]!);
      expect(t.first).toBeLessThanOrEqual(t.last);
    }
    // Lifetimes from the instructions agree with the real planner: it reused memory (the tensors
    // need more bytes than the buffer has), yet no two tensors alive at the same time share a byte.
    expect(tensors.reduce((sum, t) => sum + t.nbytes, 0)).toBeGreaterThan(plan.non_const_buffer_sizes[1]!);
    for (const [i, a] of tensors.entries()) {
      for (const b of tensors.slice(i + 1)) {
        const together = a.first <= b.last && b.first <= a.last;
        const shareBytes = a.offset < b.offset + b.nbytes && b.offset < a.offset + a.nbytes && a.nbytes > 0 && b.nbytes > 0;
        expect(together && shareBytes, `t${a.value} and t${b.value}`).toBe(false);
      }
    }
  });

  it('lists every operator with its calls', () => {
    const calls = elementsWith(dom, 'data-op').map((row) => row.attrs.get('data-op'));
    const expected = plan.operators.map((op) => `${op.name}.${op.overload}`).sort();
    expect(calls.sort()).toEqual(expected);
    const counts = elementsWith(dom, 'data-metric').filter((e) => e.attrs.get('data-metric') === 'op-calls').map((e) => Number(e.attrs.get('data-value')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(plan.operators.reduce((sum, op) => sum + op.calls, 0));
    for (const row of report.operators.rows) {
      expect(row.calls, row.op).toBe(plan.operators.find((op) => `${op.name}.${op.overload}` === row.op)?.calls);
    }
  });

  it('renders to a screenshot that shows the charts, from one self-contained file', () => {
    expect(readFileSync(page, 'utf8')).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|https?:\/\/|url\((?!#)/iu);
    expect(statSync(png).size).toBeGreaterThan(30_000);
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).toEqual([1200, 1600]);
    const counts = new Map<number, number>();
    for (const pixel of image.pixels) counts.set(pixel, (counts.get(pixel) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(100);
    // The wide bars are drawn in the parts' colours: each used part covers a patch of pixels.
    for (const part of ['kernels', 'runtime', 'model', 'stack'] as const) {
      const colour = Number.parseInt(PART_COLOURS[part].slice(1), 16);
      expect(counts.get(colour) ?? 0, part).toBeGreaterThan(500);
    }
  });

  it('sums the same numbers up for the terminal', () => {
    const text = renderReportText(report);
    const { memory } = etbuildJson;
    expect(text).toContain(`flash ${formatBytes(memory.flash.used)} of ${formatBytes(memory.flash.available)}`);
    for (const region of memory.regions) expect(text).toMatch(new RegExp(`^  ${region.name} +${formatBytes(region.used)} / ${formatBytes(region.length)} `, 'mu'));
    expect(text).toContain(`forward  buffer 1  ${formatBytes(plan.non_const_buffer_sizes[1]!)}`);
  });
});

describe.skipIf(!sharedAvailable)('reports without a firmware or with a bench profile', () => {
  let host: HostBuild;
  beforeAll(async () => {
    host = (await buildForHost()).host!;
  });

  it('says a host build has no regions', async () => {
    const report = await reportForBuild({ analysis: host.analysis, buildDir: host.dir });
    expect(report.memory).toBeNull();
    const html = renderReportHtml(report);
    expect(html).not.toContain('data-metric="flash-used"');
    expect(html).toContain('host build');
    // Self-contained: nothing to fetch, nothing to run.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|https?:\/\/|url\((?!#)/iu);
    expect(renderReportText(report)).toContain('Memory: host build');
  });

  it('ranks operators by their share of a profiled run\'s cycles', () => {
    // One profiled run's op lines: instruction i took 1000 * (i + 1) cycles.
    const calls = host.analysis.methods[0]!.calls;
    const ops = calls.map((c, i) => ({ instruction: c.instruction, name: c.opName, cycles: 1000 * (i + 1) }));
    const cyclesByOp = new Map<string, number>();
    for (const op of ops) cyclesByOp.set(op.name, (cyclesByOp.get(op.name) ?? 0) + op.cycles);
    const report = buildReport({
      analysis: host.analysis,
      manifest: { etbuild: '0', board: { id: 'host' }, model: { file: `${MODEL}.pte`, sha256: '0'.repeat(64) } },
      bench: { method: 'forward', timer: 'dwt', ops },
    });
    const total = ops.reduce((sum, op) => sum + op.cycles, 0);
    expect(report.operators.basis).toBe('cycles');
    expect(report.operators.totalCycles).toBe(total);
    const ranked = [...cyclesByOp.entries()].sort((a, b) => b[1] - a[1]);
    expect(report.operators.rows.map((r) => [r.op, r.cycles])).toEqual(ranked);
    expect(report.operators.rows.reduce((sum, r) => sum + (r.cycleShare ?? 0), 0)).toBeCloseTo(1, 12);
    expect(report.operators.rows[0]!.cycleShare).toBeCloseTo(ranked[0]![1] / total, 12);
    expect(renderReportHtml(report)).toContain(`data-metric="op-cycles" data-value="${ranked[0]![1]}"`);
  });
});

