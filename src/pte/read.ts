// Entry points of src/pte: read any ExecuTorch file (program, bundled program or .ptd data file)
// from bytes or from a path. Everything returned is plain data (./model.ts); every problem is an
// EtbError.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EtbError } from '../core/errors.js';
import type { FlatTensorFile, ModelFile } from './model.js';
import { readBundledProgram } from './bundled.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';
import { readFlatTensor } from './flat-tensor.js';
import { describeStart, fileIdentifier } from './header.js';
import { readProgram } from './program.js';

export interface ReadModelOptions {
  /** Name used in error locations. */
  readonly fileName?: string;
  /** The .ptd that EXTERNAL tensors resolve from. */
  readonly data?: FlatTensorFile;
  /** Name of that .ptd, for error messages. */
  readonly dataFileName?: string;
}

export function readModelFile(bytes: Uint8Array, options: ReadModelOptions = {}): ModelFile {
  const ctx: ReadContext = { file: options.fileName, baseOffset: 0 };
  const programOptions = options.data === undefined
    ? {}
    : { data: { file: options.data, name: options.dataFileName ?? 'the data file' } };
  const identifier = fileIdentifier(bytes);
  switch (identifier) {
    case 'ET12':
      return { kind: 'program', program: readProgram(bytes, ctx, programOptions) };
    case 'BP08': {
      const bundled = readBundledProgram(bytes, ctx, programOptions);
      return { kind: 'bundled', bundled, program: bundled.program };
    }
    case 'FT01':
      return { kind: 'data', data: readFlatTensor(bytes, ctx) };
    case null:
      throw modelError('ETB2002', `file is ${bytes.length} bytes, too short to be an ExecuTorch file`, ctx, {}, [CORRUPT_HINT]);
    default:
      throw modelError(
        'ETB2001',
        `not an ExecuTorch file: expected ET12 (.pte), BP08 (.bpte) or FT01 (.ptd) at bytes 4..8, found ${JSON.stringify(identifier)} (file starts ${describeStart(bytes)})`,
        ctx, { byteOffset: 4 },
        ['etbuild reads programs exported by ExecuTorch (`to_executorch()` then `write_to_file`)'],
      );
  }
}

export interface ReadModelPathOptions {
  /** A .ptd file for the program's EXTERNAL tensors. */
  readonly dataPath?: string;
}

export function readModelPath(path: string, options: ReadModelPathOptions = {}): ModelFile {
  let data: FlatTensorFile | undefined;
  if (options.dataPath !== undefined) {
    const dataFile = readModelFile(readBytes(options.dataPath, 'data file'), { fileName: basename(options.dataPath) });
    if (dataFile.kind !== 'data') {
      throw new EtbError('ETB2015', `${options.dataPath} is not a .ptd data file (it is a ${dataFile.kind === 'bundled' ? 'bundled program' : 'program'})`, {
        location: { file: basename(options.dataPath) },
        hints: ['--data takes the .ptd file that was exported next to the program'],
      });
    }
    data = dataFile.data;
  }
  const bytes = readBytes(path, 'model file');
  return readModelFile(bytes, {
    fileName: basename(path),
    ...(data === undefined ? {} : { data, dataFileName: basename(options.dataPath as string) }),
  });
}

function readBytes(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new EtbError('ETB1002', `${what} ${path} does not exist`, { cause, hints: ['check the path; it is relative to the current directory'] });
    }
    const reason = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (cause as Error).message;
    throw new EtbError('ETB1003', `cannot read ${what} ${path}: ${reason}`, { cause });
  }
}
