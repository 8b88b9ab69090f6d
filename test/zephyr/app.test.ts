// The generated Zephyr application, checked without Zephyr: its CMake calls and the sources they
// list, its Kconfig symbols, and its C — compiled against stand-in Zephyr headers, then run on
// the host (console = stdin/stdout) through etbuild's line protocol on a real program, with the
// outputs compared to the real ExecuTorch runtime's.
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { resolveBoard } from '../../src/boards/resolve.js';
import { generate } from '../../src/codegen/generate.js';
import { compareOutput } from '../../src/core/compare.js';
import { loadModel } from '../../src/pipeline.js';
import { generateZephyrApp, writeZephyrApp, type ZephyrApp } from '../../src/zephyr/index.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

const MODEL = 'module-model-2023';
const STUB = join(import.meta.dirname, 'fixtures', 'stub-zephyr');
const work = mkdtempSync(join(tmpdir(), 'etb-zephyr-app-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface CorpusEntry {
  readonly file: string;
  readonly execution_plans: readonly { readonly name: string; readonly operators: readonly { readonly name: string; readonly overload: string }[] }[];
}

/** The body of a CMake call, one argument per item: `name(a b\n c)` -> [a, b, c]. */
function cmakeCall(text: string, name: string): string[] {
  const match = new RegExp(`^${name}\\(([^)]*)\\)`, 'mu').exec(text);
  if (match === null) throw new Error(`no ${name}() in CMakeLists.txt`);
  return match[1]!.split(/\s+/u).filter((word) => word !== '');
}

function prjConf(text: string): Map<string, string> {
  const symbols = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^(CONFIG_[A-Z0-9_]+)=(\S+)$/u.exec(line);
    if (match === null) throw new Error(`not a Kconfig assignment: ${line}`);
    expect(symbols.has(match[1]!), `${match[1]} assigned twice`).toBe(false);
    symbols.set(match[1]!, match[2]!);
  }
  return symbols;
}

describe.skipIf(!sharedAvailable)('the generated Zephyr application', () => {
  let app: ZephyrApp;
  let appDir: string;
  let kernelSources: readonly string[];

  beforeAll(async () => {
    const model = await loadModel(sharedPath('pte-corpus', `${MODEL}.pte`));
    const analysis = analyse(model.program);
    kernelSources = analysis.kernelSources;
    const project = generate(analysis, { etbuildVersion: '0.0.0-test', modelName: model.name, sha256: model.sha256 });
    app = generateZephyrApp({ project, board: resolveBoard('nucleo-f446re'), model, etbuildVersion: '0.0.0-test' });
    appDir = join(work, 'app');
    writeZephyrApp(appDir, app);
  });

  it('is a Zephyr CMake project for the board\'s Zephyr name', () => {
    expect(app.zephyrBoard).toBe('nucleo_f446re');
    const cmake = readFileSync(join(appDir, 'CMakeLists.txt'), 'utf8');
    expect(cmake).toMatch(/^cmake_minimum_required\(VERSION 3\.\d+(\.\d+)?\)$/mu);
    expect(cmake).toMatch(/^find_package\(Zephyr REQUIRED HINTS \$ENV\{ZEPHYR_BASE\}\)$/mu);
    expect(cmake).toMatch(/^project\(etb_module_model_2023\)$/mu);
    expect(cmake).toMatch(/^zephyr_library_named\(etb_model\)$/mu);
    expect(cmakeCall(cmake, 'zephyr_library_compile_options')).toEqual(['-ffp-contract=off']);
    expect(cmakeCall(cmake, 'target_compile_options')).toEqual(['app', 'PRIVATE', '-ffp-contract=off']);
    // find_package must come before the library and the app target it creates.
    expect(cmake.indexOf('find_package(Zephyr')).toBeLessThan(cmake.indexOf('zephyr_library_named'));
    expect(cmake).not.toMatch(/ETB_BENCH/u);
  });

  it('puts exactly the model and the kernels of the program\'s operators in the Zephyr library', () => {
    const cmake = readFileSync(join(appDir, 'CMakeLists.txt'), 'utf8');
    const listed = cmakeCall(cmake, 'zephyr_library_sources');
    // The program's operators, from the independently decoded corpus manifest: one kernel file each.
    const corpus = JSON.parse(readFileSync(sharedPath('pte-corpus', 'manifest.json'), 'utf8')) as CorpusEntry[];
    const operators = corpus.find((e) => e.file === `${MODEL}.pte`)!.execution_plans.flatMap((p) => p.operators);
    const expectedKernels = [...new Set(operators.map((op) => `src/runtime/kernels/op_${op.name.split('::')[1]}.c`))].sort();
    expect(listed.filter((s) => s.includes('/kernels/')).sort()).toEqual(expectedKernels);
    expect(listed).toEqual(['src/model/etb_model.c', 'src/runtime/etb_status.c', ...kernelSources.map((s) => `src/runtime/${s}`)]);
    // Every listed file is in the application, and no kernel source is there without being listed.
    for (const source of listed) expect(existsSync(join(appDir, source)), source).toBe(true);
    const kernelFiles = readdirSync(join(appDir, 'src/runtime/kernels')).filter((f) => f.endsWith('.c')).map((f) => `src/runtime/kernels/${f}`);
    expect(kernelFiles.sort()).toEqual(expectedKernels);
    for (const dir of cmakeCall(cmake, 'zephyr_library_include_directories')) expect(statSync(join(appDir, dir)).isDirectory(), dir).toBe(true);
  });

  it('builds the runner and the Zephyr platform into the app target', () => {
    const cmake = readFileSync(join(appDir, 'CMakeLists.txt'), 'utf8');
    expect(cmakeCall(cmake, 'target_sources')).toEqual(['app', 'PRIVATE', 'src/main.c', 'src/etb_platform_zephyr.c']);
    const includes = cmakeCall(cmake, 'target_include_directories');
    expect(includes.slice(0, 2)).toEqual(['app', 'PRIVATE']);
    for (const dir of includes.slice(2)) expect(statSync(join(appDir, dir)).isDirectory(), dir).toBe(true);
    const runner = readFileSync(join(appDir, 'src/main.c'), 'utf8');
    expect(runner).toContain('int main(void)');
    const platform = readFileSync(join(appDir, 'src/etb_platform_zephyr.c'), 'utf8');
    expect(platform).toContain('console_getchar()');
    expect(platform).toContain('k_cycle_get_32()');
    // etbuild's own startup, UART drivers and timer stay out: Zephyr provides them.
    expect(app.files.map((f) => f.path).filter((p) => /startup|console_|timer_|linker/u.test(p))).toEqual([]);
  });

  it('configures the console, no heap and the FPU in prj.conf', () => {
    const conf = prjConf(readFileSync(join(appDir, 'prj.conf'), 'utf8'));
    expect(conf.get('CONFIG_CONSOLE_SUBSYS')).toBe('y');
    expect(conf.get('CONFIG_CONSOLE_GETCHAR')).toBe('y');
    expect(conf.get('CONFIG_UART_CONSOLE')).toBe('y');
    expect(conf.get('CONFIG_HEAP_MEM_POOL_SIZE')).toBe('0');
    expect(conf.get('CONFIG_MAIN_STACK_SIZE')).toBe(String(resolveBoard('nucleo-f446re').stackSize));
    expect(conf.get('CONFIG_FPU')).toBe('y');
  });

  it('leaves CONFIG_FPU out for a core without an FPU, and writes no overlay unless the board has one', async () => {
    const m3 = resolveBoard('mps2-an385');
    expect(m3.cpu.fpu).toBe('none');
    const model = await loadModel(sharedPath('pte-corpus', `${MODEL}.pte`));
    const project = generate(analyse(model.program), { etbuildVersion: '0', modelName: model.name, sha256: model.sha256 });
    const plain = generateZephyrApp({ project, board: m3, model, etbuildVersion: '0' });
    const conf = prjConf(plain.files.find((f) => f.path === 'prj.conf')!.contents);
    expect(conf.has('CONFIG_FPU')).toBe(false);
    expect(plain.files.some((f) => f.path.endsWith('.overlay'))).toBe(false);

    const nrf = resolveBoard('nrf52840dk');
    const overlay = ['&uart0 { current-speed = <230400>; };'];
    const withOverlay = generateZephyrApp({ project, board: { ...nrf, zephyr: { board: 'nrf52840dk/nrf52840', overlay } } as typeof nrf, model, etbuildVersion: '0' });
    const file = withOverlay.files.find((f) => f.path.endsWith('.overlay'));
    expect(file?.path).toBe('boards/nrf52840dk_nrf52840.overlay');
    expect(file?.contents).toContain(overlay[0]);
  });

  it('defines ETB_BENCH and ETB_PROFILE for both targets in bench mode', async () => {
    const model = await loadModel(sharedPath('pte-corpus', `${MODEL}.pte`));
    const project = generate(analyse(model.program), { etbuildVersion: '0', modelName: model.name, sha256: model.sha256 });
    const bench = generateZephyrApp({ project, board: resolveBoard('nucleo-f446re'), model, etbuildVersion: '0', mode: 'bench' });
    const cmake = bench.files.find((f) => f.path === 'CMakeLists.txt')!.contents;
    expect(cmakeCall(cmake, 'zephyr_library_compile_definitions')).toEqual(['ETB_BENCH', 'ETB_PROFILE']);
    expect(cmakeCall(cmake, 'target_compile_definitions')).toEqual(['app', 'PRIVATE', 'ETB_BENCH', 'ETB_PROFILE']);
  });

  it('refuses a board without a Zephyr name', async () => {
    const model = await loadModel(sharedPath('pte-corpus', `${MODEL}.pte`));
    const project = generate(analyse(model.program), { etbuildVersion: '0', modelName: model.name, sha256: model.sha256 });
    expect(() => generateZephyrApp({ project, board: resolveBoard('host'), model, etbuildVersion: '0' })).toThrow(expect.objectContaining({ code: 'ETB1120' }));
  });

  it('compiles cleanly against Zephyr\'s API (stand-in headers)', async () => {
    for (const source of app.appSources) {
      await execa('gcc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', `-I${STUB}`, '-Isrc', '-Isrc/runtime/include', source], { cwd: appDir });
    }
  });

  it('runs the program through the line protocol and gives the real runtime\'s outputs', async () => {
    const golden = sharedPath('golden', MODEL);
    const runner = join(work, 'zephyr-app-on-host');
    const cmake = readFileSync(join(appDir, 'CMakeLists.txt'), 'utf8');
    const includes = [...cmakeCall(cmake, 'zephyr_library_include_directories'), ...cmakeCall(cmake, 'target_include_directories').slice(2)];
    await execa('gcc', [
      '-std=c11', '-Wall', '-Wextra', '-Werror', '-O1', '-ffp-contract=off', `-I${STUB}`, ...includes.map((d) => `-I${d}`),
      ...cmakeCall(cmake, 'zephyr_library_sources'), ...app.appSources, join(STUB, 'zephyr_stub.c'), '-lm', '-o', runner,
    ], { cwd: appDir });
    const input = readFileSync(join(golden, 'inputs', '0.bin'));
    const { stdout } = await execa(runner, { input: `i 0 ${input.length}\nd ${input.toString('hex')}\nr\n` });
    expect(stdout).toMatch(/^ETB v1 hello board=nucleo-f446re model=module-model-2023 sha256=[0-9a-f]{64} mode=run methods=1$/mu);
    expect(stdout).toContain('ETB v1 done status=0');
    const hex = [...stdout.matchAll(/^ETB v1 hex i=0 off=\d+ data=([0-9a-f]+)$/gmu)].map((m) => m[1]).join('');
    const problem = compareOutput(Buffer.from(hex, 'hex'), readFileSync(join(golden, 'outputs', '0.bin')), 'float32', { rtol: 1e-5, atol: 1e-5 });
    expect(problem).toBeNull();
  });
});
