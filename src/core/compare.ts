// Comparing outputs with a reference (the real runtime's, or a bundled program's expected
// outputs): exact for integer and bool data, a tolerance for floats. Returns a description of
// the first mismatch, or null when the outputs agree.
export type DtypeName = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'uint16' | 'bool' | string;

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

function floatView(bytes: Uint8Array, dtype: DtypeName): Float32Array | Float64Array | null {
  const copy = new Uint8Array(bytes); // a real copy: Buffer.slice() would share the pool
  if (dtype === 'float32') return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  if (dtype === 'float64') return new Float64Array(copy.buffer, 0, copy.byteLength / 8);
  return null;
}

export function compareOutput(actual: Uint8Array, expected: Uint8Array, dtype: DtypeName, tolerance: Tolerance | null): string | null {
  if (actual.byteLength !== expected.byteLength) return `size ${actual.byteLength} bytes, expected ${expected.byteLength}`;
  const a = floatView(actual, dtype);
  const b = floatView(expected, dtype);
  if (a && b && tolerance) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? 0;
      const y = b[i] ?? 0;
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (x === y) continue;
      if (!(Math.abs(x - y) <= tolerance.atol + tolerance.rtol * Math.abs(y))) {
        return `element ${i}: ${x}, expected ${y} (|diff| ${Math.abs(x - y)})`;
      }
    }
    return null;
  }
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) return `byte ${i}: 0x${(actual[i] ?? 0).toString(16)}, expected 0x${(expected[i] ?? 0).toString(16)}`;
  }
  return null;
}
