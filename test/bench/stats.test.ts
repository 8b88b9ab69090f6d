// The benchmark statistics: medians, summaries, lining up the operator lines of several profiled
// runs, and each kernel call's share.
import { describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { collateProfiles, median, opStats, summarize, type OpSample } from '../../src/bench/stats.js';

describe('median and summarize', () => {
  test('the middle value of an odd count, the mean of the two middle values of an even count', () => {
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7, 7, 8, 1000])).toBe(7.5);
  });

  test('does not reorder its argument', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  test('summarize gives median, min, max and mean; an outlier moves the mean, not the median', () => {
    expect(summarize([100, 102, 101, 100, 5000])).toEqual({ median: 101, min: 100, max: 5000, mean: 1080.6 });
  });

  test('no values is an error, not a NaN', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
  });
});

const run = (...counts: number[]): OpSample[] => [
  { instruction: 0, name: 'aten::mm.out', cycles: counts[0]! },
  { instruction: 2, name: 'aten::add.out', cycles: counts[1]! },
  { instruction: 0, name: 'aten::mm.out', cycles: counts[2]! }, // a loop runs instruction 0 again
];

describe('collateProfiles', () => {
  test('keeps the execution order and gathers the k-th call of every run', () => {
    expect(collateProfiles([run(10, 1, 12), run(11, 2, 13), run(9, 1, 12)])).toEqual([
      { instruction: 0, name: 'aten::mm.out', counts: [10, 11, 9] },
      { instruction: 2, name: 'aten::add.out', counts: [1, 2, 1] },
      { instruction: 0, name: 'aten::mm.out', counts: [12, 13, 12] },
    ]);
  });

  test('no runs give no calls', () => {
    expect(collateProfiles([])).toEqual([]);
  });

  test('runs that executed other calls are refused', () => {
    const shorter = run(1, 2, 3).slice(0, 2);
    const error = (() => {
      try {
        collateProfiles([run(1, 2, 3), shorter]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(EtbError);
    expect((error as EtbError).code).toBe('ETB4104');
    expect((error as EtbError).message).toContain('profiled run 2 executed other kernel calls than run 1 (2 call(s): 0:aten::mm.out, 2:aten::add.out instead of 3 call(s)');
    const renamed = run(1, 2, 3).map((op, k) => (k === 1 ? { ...op, name: 'aten::sub.out' } : op));
    expect(() => collateProfiles([run(1, 2, 3), renamed])).toThrow(/profiled run 2/u);
  });
});

describe('opStats', () => {
  test('each call has its own summary and its median\'s share of the total of the medians', () => {
    const stats = opStats(collateProfiles([run(10, 1, 29), run(30, 1, 30), run(20, 5, 31)]));
    expect(stats.map(({ instruction, name, median: m, min, max }) => [instruction, name, m, min, max])).toEqual([
      [0, 'aten::mm.out', 20, 10, 30],
      [2, 'aten::add.out', 1, 1, 5],
      [0, 'aten::mm.out', 30, 29, 31],
    ]);
    expect(stats.map((s) => s.share)).toEqual([20 / 51, 1 / 51, 30 / 51]);
    expect(stats.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  });

  test('all-zero counts give zero shares, not NaN', () => {
    expect(opStats([{ instruction: 0, name: 'aten::view_copy.out', counts: [0, 0] }])[0]!.share).toBe(0);
  });
});
