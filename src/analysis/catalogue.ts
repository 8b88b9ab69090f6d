// The kernel catalogue: what runtime-c can run, read from the manifest files beside the kernels
// (runtime-c/kernels/**/<file>.json, one per kernel source file). The TypeScript side selects
// kernels and checks every call's arguments against it at build time.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RUNTIME_C_DIR } from '../core/paths.js';
import { EtbError } from '../core/errors.js';

/** Argument types as the operator schema names them; a trailing `?` also accepts Null. */
export type ArgType =
  | 'Tensor' | 'Int' | 'Double' | 'Bool' | 'Scalar' | 'String'
  | 'IntList' | 'DoubleList' | 'BoolList' | 'TensorList' | 'OptionalTensorList'
  | 'Tensor?' | 'Int?' | 'Double?' | 'Bool?' | 'Scalar?' | 'String?' | 'IntList?' | 'DoubleList?';

export interface KernelArg {
  readonly name: string;
  readonly type: ArgType;
  /** The kernel writes this argument. */
  readonly out?: boolean;
  /** The trailing return value that exir appends: names the out argument it repeats. */
  readonly returns?: string;
}

export interface KernelEntry {
  readonly op: string;        // "aten::add"
  readonly overload: string;  // "out"
  /** Every argument the program passes, in order, the return value(s) included. */
  readonly args: readonly KernelArg[];
  /** Dtype keys the kernel supports (see the lowering of the op for how a call's key is formed). */
  readonly dtypes: readonly string[];
  /** Scratch bytes the kernel needs beyond its arguments, or null. */
  readonly scratch: string | null;
  /** runtime-c source file, relative to runtime-c/. */
  readonly source: string;
}

interface ManifestFile {
  readonly source: string;
  readonly kernels: readonly Omit<KernelEntry, 'source'>[];
}

function* manifestFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* manifestFiles(path);
    else if (entry.name.endsWith('.json')) yield path;
  }
}

let cached: readonly KernelEntry[] | undefined;

export function kernelCatalogue(): readonly KernelEntry[] {
  if (cached) return cached;
  const kernelsDir = join(RUNTIME_C_DIR, 'kernels');
  const entries: KernelEntry[] = [];
  for (const file of [...manifestFiles(kernelsDir)].sort()) {
    let manifest: ManifestFile;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as ManifestFile;
    } catch (cause) {
      throw new EtbError('ETB9101', `kernel manifest ${relative(RUNTIME_C_DIR, file)} is not valid JSON`, { cause });
    }
    const source = relative(RUNTIME_C_DIR, join(file, '..', manifest.source));
    for (const kernel of manifest.kernels) entries.push({ ...kernel, source });
  }
  cached = entries;
  return entries;
}

/** All kernel entries for an operator (several when the argument list changed between versions). */
export function kernelsFor(op: string, overload: string): readonly KernelEntry[] {
  return kernelCatalogue().filter((k) => k.op === op && k.overload === overload);
}

export function hasKernel(op: string, overload: string): boolean {
  return kernelsFor(op, overload).length > 0;
}
