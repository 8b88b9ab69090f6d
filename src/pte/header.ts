// The fixed bytes at the start of every ExecuTorch file: the flatbuffer root offset (0..4), the
// file identifier (4..8) and, at byte 8, an optional extended header (`eh00` in programs, `FH01`
// in .ptd data files) that says how long the flatbuffer is and where the segments start.
import type { ExtendedHeader, FlatTensorHeader } from './model.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';
import { readU32, readU64 } from './verify.js';

const HEADER_OFFSET = 8;
const EH00_LENGTHS = [24, 32] as const;
const FH01_MIN_LENGTH = 40;

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** The file identifier at bytes 4..8, or null when the file is shorter than 8 bytes. */
export function fileIdentifier(bytes: Uint8Array): string | null {
  return bytes.length < 8 ? null : ascii(bytes, 4, 8);
}

/** A printable rendering of the first bytes, for "this is not an ExecuTorch file" messages. */
export function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 12);
  const printable = [...head].every((b) => b >= 0x20 && b < 0x7f);
  if (printable) return JSON.stringify(ascii(bytes, 0, head.length));
  return [...head].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * The `eh00` extended header of a program, or null when the file has none (older files: the
 * flatbuffer then fills the whole file and there are no segments).
 */
export function readExtendedHeader(bytes: Uint8Array, ctx: ReadContext): ExtendedHeader | null {
  if (bytes.length < HEADER_OFFSET + 4 || ascii(bytes, HEADER_OFFSET, HEADER_OFFSET + 4) !== 'eh00') return null;
  const at = { byteOffset: HEADER_OFFSET, table: 'eh00 extended header' };
  if (bytes.length < HEADER_OFFSET + 8) {
    throw modelError('ETB2002', `file is ${bytes.length} bytes, too short for its extended header`, ctx, at, [CORRUPT_HINT]);
  }
  const headerLength = readU32(bytes, HEADER_OFFSET + 4);
  if (!(EH00_LENGTHS as readonly number[]).includes(headerLength)) {
    throw modelError('ETB2003', `extended header length is ${headerLength}, expected 24 or 32`, ctx, at, [CORRUPT_HINT]);
  }
  if (bytes.length < HEADER_OFFSET + headerLength) {
    throw modelError('ETB2002', `file is ${bytes.length} bytes, too short for its ${headerLength}-byte extended header`, ctx, at, [CORRUPT_HINT]);
  }
  const programSize = readU64(bytes, HEADER_OFFSET + 8);
  const segmentBaseOffset = readU64(bytes, HEADER_OFFSET + 16);
  const segmentDataSize = headerLength >= 32 ? readU64(bytes, HEADER_OFFSET + 24) : null;
  if (programSize < HEADER_OFFSET + headerLength) {
    throw modelError('ETB2003', `extended header says the program is ${programSize} bytes, less than its own headers`, ctx, at, [CORRUPT_HINT]);
  }
  if (programSize > bytes.length) {
    throw modelError(
      'ETB2002', `extended header says the program is ${programSize} bytes but the file has only ${bytes.length}`,
      ctx, at, [CORRUPT_HINT],
    );
  }
  if (segmentBaseOffset !== 0 && segmentBaseOffset < programSize) {
    throw modelError(
      'ETB2003', `extended header puts the segments at byte ${segmentBaseOffset}, inside the ${programSize}-byte program`,
      ctx, at, [CORRUPT_HINT],
    );
  }
  if (segmentDataSize !== null && segmentBaseOffset + segmentDataSize > bytes.length) {
    throw modelError(
      'ETB2002',
      `extended header says segment data ends at byte ${segmentBaseOffset + segmentDataSize} but the file has only ${bytes.length}`,
      ctx, at, [CORRUPT_HINT],
    );
  }
  return { magic: 'eh00', headerLength, programSize, segmentBaseOffset, segmentDataSize };
}

/** The `FH01` header of a .ptd file; .ptd files always carry one. */
export function readFlatTensorHeader(bytes: Uint8Array, ctx: ReadContext): FlatTensorHeader {
  const at = { byteOffset: HEADER_OFFSET, table: 'FH01 header' };
  if (bytes.length < HEADER_OFFSET + FH01_MIN_LENGTH || ascii(bytes, HEADER_OFFSET, HEADER_OFFSET + 4) !== 'FH01') {
    throw modelError('ETB2013', 'data file (FT01) has no FH01 header at byte 8', ctx, at, [CORRUPT_HINT]);
  }
  const headerLength = readU32(bytes, HEADER_OFFSET + 4);
  if (headerLength < FH01_MIN_LENGTH) {
    throw modelError('ETB2013', `FH01 header length is ${headerLength}, expected at least ${FH01_MIN_LENGTH}`, ctx, at, [CORRUPT_HINT]);
  }
  const header: FlatTensorHeader = {
    magic: 'FH01',
    headerLength,
    flatbufferOffset: readU64(bytes, HEADER_OFFSET + 8),
    flatbufferSize: readU64(bytes, HEADER_OFFSET + 16),
    segmentBaseOffset: readU64(bytes, HEADER_OFFSET + 24),
    segmentDataSize: readU64(bytes, HEADER_OFFSET + 32),
  };
  const flatbufferEnd = header.flatbufferOffset + header.flatbufferSize;
  if (header.flatbufferOffset < HEADER_OFFSET + headerLength) {
    throw modelError('ETB2013', `FH01 header puts the flatbuffer at byte ${header.flatbufferOffset}, inside the header`, ctx, at, [CORRUPT_HINT]);
  }
  if (flatbufferEnd > bytes.length) {
    throw modelError('ETB2002', `FH01 header says the flatbuffer ends at byte ${flatbufferEnd} but the file has only ${bytes.length}`, ctx, at, [CORRUPT_HINT]);
  }
  if (header.segmentBaseOffset < flatbufferEnd) {
    throw modelError('ETB2013', `FH01 header puts the segments at byte ${header.segmentBaseOffset}, inside the flatbuffer`, ctx, at, [CORRUPT_HINT]);
  }
  if (header.segmentBaseOffset + header.segmentDataSize > bytes.length) {
    throw modelError(
      'ETB2002',
      `FH01 header says segment data ends at byte ${header.segmentBaseOffset + header.segmentDataSize} but the file has only ${bytes.length}`,
      ctx, at, [CORRUPT_HINT],
    );
  }
  return header;
}
