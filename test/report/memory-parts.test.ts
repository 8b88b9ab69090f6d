// Which part of a firmware a symbol belongs to, for the layouts etbuild produces: the gcc
// backend's build folder and a Zephyr application. The lines are in the format
// `arm-none-eabi-nm -S --size-sort -l` prints (the report test runs the real nm on a real build).
import { describe, expect, it } from 'vitest';
import { attributeMemory, classifySymbol, parseNmSymbols } from '../../src/report/index.js';
import type { MemoryReport } from '../../src/toolchain/memory.js';

const NM = [
  '08000c80 00000002 T etb_default_handler\t/b/.fw.partial-1/platform/startup.c:71',
  '08000c80 00000002 W etb_systick_handler\t/b/.fw.partial-1/platform/startup.c:72',
  '08000f08 00000008 r etb_const_0\t/b/.fw.partial-1/generated/etb_model.c:29',
  '08000e28 0000000c r forward_inputs\t/b/.fw.partial-1/generated/etb_model.c:76',
  '080002ac 00000148 T etb_op_mean_out_f32\t/b/host/runtime/kernels/op_mean.c:16',
  '08000400 00000040 t etb_wrap_add_i32\t/b/host/runtime/include/etb/binary.h:20',
  '08000908 0000035c T main\t/b/runtime-c/platform/runner_main.c:337',
  '08000cf4 000000a2 T memset\t/home/pere/src/newlib-salsa/newlib/libc/include/string.h:33',
  '20000000 00000040 b forward_mem1\t/b/.fw.partial-1/generated/etb_model.c:39',
  '20000040 00000008 d counter\t/b/runtime-c/platform/timer_cortex_m.c:3',
  '08001000 00000100 T z_impl_k_sleep',
].join('\n');

const PLANNED = new Set(['forward_mem1']);

describe('memory parts', () => {
  it('reads nm lines with and without a source file', () => {
    const symbols = parseNmSymbols(NM);
    expect(symbols).toHaveLength(11);
    expect(symbols[2]).toEqual({ name: 'etb_const_0', address: 0x08000f08, size: 8, type: 'r', file: '/b/.fw.partial-1/generated/etb_model.c' });
    expect(symbols.at(-1)).toEqual({ name: 'z_impl_k_sleep', address: 0x08001000, size: 0x100, type: 'T', file: null });
  });

  it('puts each symbol in its part', () => {
    const parts = Object.fromEntries(parseNmSymbols(NM).map((s) => [s.name, classifySymbol(s, PLANNED)]));
    expect(parts).toEqual({
      etb_default_handler: 'runtime', etb_systick_handler: 'runtime', etb_const_0: 'constants', forward_inputs: 'model',
      etb_op_mean_out_f32: 'kernels', etb_wrap_add_i32: 'kernels', main: 'runtime', memset: 'other', forward_mem1: 'planned',
      counter: 'runtime', z_impl_k_sleep: 'other',
    });
    const zephyr = (name: string, file: string | null) => classifySymbol({ name, address: 0, size: 4, type: 'T', file }, PLANNED);
    expect(zephyr('main', '/w/x-zephyr/src/main.c')).toBe('runtime');
    expect(zephyr('etb_console_getc', '/w/x-zephyr/src/etb_platform_zephyr.c')).toBe('runtime');
    expect(zephyr('z_main_stack', '/zephyr/kernel/init.c')).toBe('stack');
    expect(zephyr('z_sched_init', '/zephyr/kernel/sched.c')).toBe('other');
  });

  it('counts aliases once, initialised data in RAM and in flash, and padding as other', () => {
    const memory: MemoryReport = {
      regions: [
        { name: 'flash', kind: 'flash', origin: 0x08000000, length: 0x100000, used: 0x1200 },
        { name: 'ram', kind: 'ram', origin: 0x20000000, length: 0x20000, used: 0x2048 },
      ],
      flash: { used: 0x1200, available: 0x100000 },
      ram: { used: 0x2048, available: 0x20000 },
      sections: [
        { name: '.text', address: 0x08000000, size: 0x1100, region: 'flash', loadRegion: null },
        { name: '.stack', address: 0x20002000, size: 0x2000, region: 'ram', loadRegion: null },
        { name: '.data', address: 0x20000040, size: 0x8, region: 'ram', loadRegion: 'flash' },
        { name: '.bss', address: 0x20000000, size: 0x40, region: 'ram', loadRegion: null },
      ],
    };
    const [flash, ram] = attributeMemory(memory, parseNmSymbols(NM), PLANNED);
    const bytes = (region: typeof flash, part: string) => region!.parts.find((p) => p.part === part)!.bytes;
    expect(bytes(flash, 'runtime')).toBe(2 + 0x35c + 8); // the handler once, the runner, .data's initial value
    expect(bytes(ram, 'runtime')).toBe(8);
    expect(bytes(ram, 'planned')).toBe(0x40);
    expect(bytes(ram, 'stack')).toBe(0x2000);
    expect(bytes(flash, 'kernels')).toBe(0x148 + 0x40);
    for (const region of [flash!, ram!]) expect(region.parts.reduce((sum, p) => sum + p.bytes, 0)).toBe(region.used);
  });
});
