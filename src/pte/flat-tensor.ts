// Reads a .ptd data file (FT01). The identifier was reused for two incompatible layouts: today's
// (segments + named_data with optional TensorLayout) and the first one of 2025-02 (tensors that
// carry their own name, segment and offset, then segments). The root table tells them apart:
// only the first layout has a fourth field; a buffer that fails as today's layout is tried as the
// first one before the error is reported.
import { ByteBuffer } from 'flatbuffers';
import * as current from './generated/flat_tensor.js';
import * as v0 from './generated/flat_tensor_v0.js';
import type { ExternalTensor, FlatTensorFile, FlatTensorHeader, Segment } from './model.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';
import { readFlatTensorHeader } from './header.js';
import { FLAT_TENSOR_LAYOUT, FLAT_TENSOR_V0_LAYOUT } from './layout.js';
import { readTensorShape, shapeNbytes } from './tensor-shape.js';
import { rootHasSlot, verifyFlatbuffer } from './verify.js';

const text = (value: string | Uint8Array | null): string | null => (typeof value === 'string' ? value : null);

export function readFlatTensor(bytes: Uint8Array, ctx: ReadContext): FlatTensorFile {
  const header = readFlatTensorHeader(bytes, ctx);
  const flatbuffer = bytes.subarray(0, header.flatbufferOffset + header.flatbufferSize);
  const layout = detectLayout(flatbuffer, ctx);
  const bb = new ByteBuffer(flatbuffer);
  return layout === 'named-data'
    ? readNamedDataLayout(current.FlatTensor.getRootAsFlatTensor(bb), bytes, header, ctx)
    : readV0Layout(v0.FlatTensor.getRootAsFlatTensor(bb), bytes, header, ctx);
}

function detectLayout(flatbuffer: Uint8Array, ctx: ReadContext): FlatTensorFile['layout'] {
  let currentLayoutError: unknown = null;
  try {
    verifyFlatbuffer(flatbuffer, FLAT_TENSOR_LAYOUT, ctx);
    if (!rootHasSlot(flatbuffer, 3)) return 'named-data';
  } catch (error) {
    currentLayoutError = error;
  }
  try {
    verifyFlatbuffer(flatbuffer, FLAT_TENSOR_V0_LAYOUT, ctx);
    return 'tensors-v0';
  } catch (error) {
    throw currentLayoutError ?? error;
  }
}

interface SegmentTable {
  segmentsLength(): number;
  segments(index: number): { offset(): bigint; size(): bigint } | null;
}

function readSegments(root: SegmentTable, bytes: Uint8Array, header: FlatTensorHeader, ctx: ReadContext): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < root.segmentsLength(); i++) {
    const entry = root.segments(i) as { offset(): bigint; size(): bigint };
    const segment = { offset: Number(entry.offset()), size: Number(entry.size()) };
    const end = header.segmentBaseOffset + segment.offset + segment.size;
    if (end > bytes.length) {
      throw modelError('ETB2010', `segment ${i} ends at byte ${end}, past the end of the ${bytes.length}-byte file`, ctx, { table: `FlatTensor.segments[${i}]` }, [CORRUPT_HINT]);
    }
    segments.push(segment);
  }
  return segments;
}

function segmentData(segments: readonly Segment[], index: number, header: FlatTensorHeader, bytes: Uint8Array, ctx: ReadContext, table: string): Uint8Array {
  const segment = segments[index];
  if (segment === undefined) {
    throw modelError('ETB2010', `segment index ${index} is out of range (the file has ${segments.length} segments)`, ctx, { table }, [CORRUPT_HINT]);
  }
  const start = header.segmentBaseOffset + segment.offset;
  return bytes.subarray(start, start + segment.size);
}

function readNamedDataLayout(root: current.FlatTensor, bytes: Uint8Array, header: FlatTensorHeader, ctx: ReadContext): FlatTensorFile {
  const segments = readSegments(root, bytes, header, ctx);
  const tensors: ExternalTensor[] = [];
  for (let i = 0; i < root.namedDataLength(); i++) {
    const entry = root.namedData(i) as current.NamedData;
    const table = `FlatTensor.named_data[${i}]`;
    const key = text(entry.key());
    if (key === null) throw modelError('ETB2008', `${table} has no key`, ctx, { table }, [CORRUPT_HINT]);
    const data = segmentData(segments, entry.segmentIndex(), header, bytes, ctx, table);
    const tensorLayout = entry.tensorLayout();
    if (tensorLayout === null) {
      tensors.push({ key, dtype: null, sizes: [], dimOrder: [], bytes: data });
      continue;
    }
    const shape = readTensorShape(tensorLayout, ctx, `${table}.tensor_layout`);
    const nbytes = shapeNbytes(shape);
    if (nbytes > data.length) {
      throw modelError('ETB2010', `entry "${key}" needs ${nbytes} bytes but its segment holds ${data.length}`, ctx, { table }, [CORRUPT_HINT]);
    }
    tensors.push({ key, ...shape, bytes: data.subarray(0, nbytes) });
  }
  return { fileIdentifier: 'FT01', layout: 'named-data', header, version: root.version(), segments, tensors };
}

function readV0Layout(root: v0.FlatTensor, bytes: Uint8Array, header: FlatTensorHeader, ctx: ReadContext): FlatTensorFile {
  const segments = readSegments(root, bytes, header, ctx);
  const tensors: ExternalTensor[] = [];
  for (let i = 0; i < root.tensorsLength(); i++) {
    const entry = root.tensors(i) as v0.TensorMetadata;
    const table = `FlatTensor.tensors[${i}]`;
    const key = text(entry.fullyQualifiedName());
    if (key === null) throw modelError('ETB2008', `${table} has no fully_qualified_name`, ctx, { table }, [CORRUPT_HINT]);
    const data = segmentData(segments, entry.segmentIndex(), header, bytes, ctx, table);
    const shape = readTensorShape(entry, ctx, table);
    const nbytes = shapeNbytes(shape);
    const offset = Number(entry.offset());
    if (offset + nbytes > data.length) {
      throw modelError('ETB2010', `entry "${key}" (${nbytes} bytes at offset ${offset}) runs past the end of its ${data.length}-byte segment`, ctx, { table }, [CORRUPT_HINT]);
    }
    tensors.push({ key, ...shape, bytes: data.subarray(offset, offset + nbytes) });
  }
  return { fileIdentifier: 'FT01', layout: 'tensors-v0', header, version: root.version(), segments, tensors };
}
