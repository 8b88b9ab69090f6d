// Thousands of damaged files: truncations, bit flips, splices between files, absurd lengths,
// wrong magic and random bytes. Each must end in a successful read (and a printable inspect
// report) or in a model error (ETB2xxx), never in another exception, and quickly.
// Sources: every file of ../shared/pte-corpus (when present) plus builder-made files.
// Set ETB_MUTATION_SEED to explore other variants; a failure message names its seed and variant.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectReport } from '../../../src/cli/commands/inspect.js';
import { EtbError } from '../../../src/core/errors.js';
import type { FlatTensorFile } from '../../../src/pte/model.js';
import { readModelFile } from '../../../src/pte/read.js';
import { buildBpte, buildPte, buildPtd, call, f32, floats, int } from '../../fixtures/pte-builder.js';
import { sharedAvailable, sharedPath } from '../../helpers/shared.js';

const VARIANTS = 2400;
const SEED = Number(process.env['ETB_MUTATION_SEED'] ?? 0x5eed);

/** mulberry32: a small seeded PRNG, so every run (and every failure) is reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Source {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Bytes holding headers and flatbuffer (segment data after it is mostly opaque payload). */
  readonly structureEnd: number;
}

function structureEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(4) === 'ET12' && tag(8) === 'eh00') return Number(view.getBigUint64(16, true));
  if (tag(4) === 'FT01' && tag(8) === 'FH01') return Number(view.getBigUint64(16, true) + view.getBigUint64(24, true));
  return bytes.length;
}

function builderSources(): Source[] {
  const add = buildPte({
    methods: [{
      name: 'forward',
      values: [f32([3], { planned: { offset: 0 } }), f32([3], { constant: floats([1, 2, 3]) }), int(1), f32([3], { planned: { offset: 16 } }),
        { kind: 'IntList', items: [2] }, { kind: 'TensorList', items: [0, 3] }, { kind: 'String', value: 'x' }],
      inputs: [0],
      outputs: [3],
      instructions: [call('aten::add.out', [0, 1, 2, 3, 3]), { kind: 'MoveCall', from: 0, to: 3 }],
      delegates: [{ id: 'XnnpackBackend', blob: new Uint8Array(64).fill(1) }],
    }],
    namedData: [{ key: 'k', bytes: new Uint8Array(8) }],
  });
  const linear = buildPte({
    headerLength: 24,
    methods: [{ name: 'forward', values: [f32([2], { external: 'w' }), f32([2], { planned: { offset: 0 }, initial: floats([1, 2]) })], inputs: [1], outputs: [1] }],
  });
  const files: [string, Uint8Array][] = [
    ['builder-add.pte', add],
    ['builder-inline.pte', buildPte({ headerLength: null, constantStorage: 'inline', methods: [{ name: 'f', values: [f32([1], { constant: floats([1]) })], inputs: [], outputs: [0] }] })],
    ['builder-linear.pte', linear],
    ['builder.bpte', buildBpte({ program: add, suites: [{ method: 'forward', cases: [{ inputs: [{ kind: 'Tensor', dtype: 'FLOAT', sizes: [3], data: floats([1, 2, 3]) }], outputs: [{ kind: 'Int', value: 1 }] }] }] })],
    ['builder.ptd', buildPtd([{ key: 'w', dtype: 'FLOAT', sizes: [2], bytes: floats([1, 2]) }])],
    ['builder-v0.ptd', buildPtd([{ key: 'w', dtype: 'FLOAT', sizes: [2], bytes: floats([1, 2]) }], 'tensors-v0')],
  ];
  return files.map(([name, bytes]) => ({ name, bytes, structureEnd: structureEnd(bytes) }));
}

function corpusSources(): Source[] {
  if (!sharedAvailable) return [];
  const dir = sharedPath('pte-corpus');
  return readdirSync(dir)
    .filter((f) => /\.(pte|bpte|ptd)$/.test(f))
    .sort()
    .map((name) => {
      const bytes = new Uint8Array(readFileSync(`${dir}/${name}`));
      return { name, bytes, structureEnd: structureEnd(bytes) };
    });
}

type Mutation = { readonly description: string; readonly bytes: Uint8Array };

function mutate(random: () => number, sources: readonly Source[]): Mutation {
  const below = (n: number): number => Math.floor(random() * n);
  const source = sources[below(sources.length)] as Source;
  const { bytes } = source;
  // Mostly hit the structure, sometimes anywhere.
  const position = (): number => (random() < 0.85 ? below(Math.max(1, source.structureEnd)) : below(Math.max(1, bytes.length)));
  const kind = below(6);
  switch (kind) {
    case 0: {
      const length = random() < 0.7 ? below(source.structureEnd + 1) : below(bytes.length);
      return { description: `${source.name} truncated to ${length}`, bytes: bytes.slice(0, length) };
    }
    case 1: {
      const copy = bytes.slice();
      const flips: number[] = [];
      for (let n = 1 + below(8); n > 0; n--) {
        const at = position();
        const bit = below(8);
        copy[at] = (copy[at] ?? 0) ^ (1 << bit);
        flips.push(at * 8 + bit);
      }
      return { description: `${source.name} with bits ${flips.join(',')} flipped`, bytes: copy };
    }
    case 2: {
      const donor = sources[below(sources.length)] as Source;
      const length = 1 + below(256);
      const from = below(Math.max(1, donor.structureEnd - length));
      const piece = donor.bytes.subarray(from, from + length);
      const at = position();
      if (random() < 0.5) {
        const copy = bytes.slice();
        copy.set(piece.subarray(0, Math.max(0, copy.length - at)), at);
        return { description: `${source.name} overwritten at ${at} by ${donor.name}[${from}+${length}]`, bytes: copy };
      }
      const spliced = new Uint8Array(bytes.length + piece.length);
      spliced.set(bytes.subarray(0, at));
      spliced.set(piece, at);
      spliced.set(bytes.subarray(at), at + piece.length);
      return { description: `${donor.name}[${from}+${length}] inserted into ${source.name} at ${at}`, bytes: spliced };
    }
    case 3: {
      const copy = bytes.slice();
      const view = new DataView(copy.buffer);
      const absurd = [0xffffffff, 0x7fffffff, 0x80000000, 0xfffffff0, bytes.length, bytes.length + 4, 0x10000];
      const value = absurd[below(absurd.length)] as number;
      // A header field (u64) or a 4-aligned word of the flatbuffer (offsets, lengths, vtables).
      if (random() < 0.2 && copy.length >= 48) {
        const at = 8 + 8 * below(5);
        view.setBigUint64(at, random() < 0.5 ? 0xffff_ffff_ffff_ffffn : BigInt(value), true);
        return { description: `${source.name} with u64 at ${at} set to an absurd value`, bytes: copy };
      }
      const at = Math.min(copy.length - 4, position() & ~3);
      if (at < 0) return { description: `${source.name} (too short to patch)`, bytes: copy };
      view.setUint32(at, value, true);
      return { description: `${source.name} with u32 at ${at} set to ${value}`, bytes: copy };
    }
    case 4: {
      const copy = bytes.slice();
      const magics = ['ET12', 'BP08', 'FT01', 'ET13', 'eh00', 'FH01', '\0\0\0\0'];
      const magic = magics[below(magics.length)] as string;
      const at = random() < 0.7 ? 4 : 8;
      copy.set([...magic].map((c) => c.charCodeAt(0)), at);
      return { description: `${source.name} with ${JSON.stringify(magic)} at ${at}`, bytes: copy };
    }
    default: {
      const copy = new Uint8Array(below(2048));
      for (let i = 0; i < copy.length; i++) copy[i] = below(256);
      if (random() < 0.6 && copy.length >= 16) {
        const magic = ['ET12', 'BP08', 'FT01'][below(3)] as string;
        copy.set([...magic].map((c) => c.charCodeAt(0)), 4);
        new DataView(copy.buffer).setUint32(0, 8 + (below(copy.length - 8) & ~3), true);
        if (random() < 0.5) copy.set([...(magic === 'FT01' ? 'FH01' : 'eh00')].map((c) => c.charCodeAt(0)), 8);
      }
      return { description: `${copy.length} random bytes`, bytes: copy };
    }
  }
}

describe('mutated files end in a model error or a successful read', () => {
  it(`survives ${VARIANTS} variants (seed ${SEED})`, () => {
    const sources = [...corpusSources(), ...builderSources()];
    if (sharedAvailable) expect(sources.length).toBeGreaterThanOrEqual(40);
    const companion = (name: string): Uint8Array | undefined =>
      sources.find((s) => s.name === name.replace(/\.ptd$/, '.pte'))?.bytes;
    const random = prng(SEED);
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let parsed = 0;
    let slowest = { ms: 0, description: '' };
    const attempt = (description: string, read: () => void): void => {
      const start = performance.now();
      try {
        read();
        parsed++;
      } catch (error) {
        if (error instanceof EtbError && /^ETB2\d{3}$/.test(error.code)) {
          codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
        } else {
          failures.push(`${description}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        }
      }
      const ms = performance.now() - start;
      if (ms > slowest.ms) slowest = { ms, description };
    };

    for (let variant = 0; variant < VARIANTS; variant++) {
      const mutation = mutate(random, sources);
      const description = `variant ${variant} (seed ${SEED}): ${mutation.description}`;
      let data: FlatTensorFile | undefined;
      attempt(description, () => {
        const file = readModelFile(mutation.bytes, { fileName: 'mutant' });
        JSON.stringify(inspectReport('mutant', file, () => false));
        if (file.kind === 'data') data = file.data;
      });
      // A damaged .ptd that still reads must not break the program it belongs to either.
      const program = data === undefined ? undefined : companion(mutation.description.split(' ')[0] ?? '');
      if (data !== undefined && program !== undefined) {
        attempt(`${description}, as data of its program`, () => {
          readModelFile(program, { data: data as FlatTensorFile, dataFileName: 'mutant.ptd' });
        });
      }
    }

    expect(failures.slice(0, 5)).toEqual([]);
    expect(slowest.ms, `slowest: ${slowest.description}`).toBeLessThan(1000);
    // Not vacuous: many variants fail in many different ways, some still read.
    expect(codes.size).toBeGreaterThanOrEqual(6);
    expect(parsed).toBeGreaterThan(50);
  });
});
