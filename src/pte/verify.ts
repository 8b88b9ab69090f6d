// A flatbuffer verifier driven by the layouts in ./layout.ts. The flatbuffers JS runtime reads
// whatever an offset points at, so every offset, vtable, vector, string and union in a buffer is
// checked here before a generated accessor touches it. The walk is bounded: the schemas have no
// recursive tables (so depth is small), and every table and vector element visited spends from a
// budget proportional to the buffer size, so shared sub-trees or absurd lengths cannot make it
// (or the model building after it) take more than linear time.
import { SCALAR_SIZE, type TableLayout } from './layout.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';

const MAX_DEPTH = 32;
const MAX_BUFFER_SIZE = 0x7fffffff;
const MAX_VOFFSET = 0x7fff;

export function readU16(bytes: Uint8Array, pos: number): number {
  return (bytes[pos] ?? 0) | ((bytes[pos + 1] ?? 0) << 8);
}

export function readU32(bytes: Uint8Array, pos: number): number {
  return (((bytes[pos] ?? 0) | ((bytes[pos + 1] ?? 0) << 8) | ((bytes[pos + 2] ?? 0) << 16)) >>> 0)
    + (bytes[pos + 3] ?? 0) * 0x1000000;
}

export function readI32(bytes: Uint8Array, pos: number): number {
  return readU32(bytes, pos) | 0;
}

/** A u64 as a number; values past 2^53 lose precision but stay larger than any file. */
export function readU64(bytes: Uint8Array, pos: number): number {
  return readU32(bytes, pos) + readU32(bytes, pos + 4) * 0x100000000;
}

/** Upper bound of verifier work units for a buffer: enough for any buffer without shared sub-trees. */
export function workBudget(byteLength: number): number {
  return 2 * byteLength + 4096;
}

class Verifier {
  private budget: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly ctx: ReadContext,
  ) {
    this.budget = workBudget(bytes.length);
  }

  private fail(message: string, pos: number, path: string): never {
    throw modelError('ETB2005', `malformed flatbuffer: ${message}`, this.ctx, { byteOffset: pos, table: path }, [CORRUPT_HINT]);
  }

  private spend(units: number, pos: number, path: string): void {
    this.budget -= units;
    if (this.budget < 0) {
      throw modelError(
        'ETB2006',
        `flatbuffer references more data than a ${this.bytes.length}-byte buffer can hold (shared or looping offsets)`,
        this.ctx, { byteOffset: pos, table: path }, [CORRUPT_HINT],
      );
    }
  }

  /** Follows the uoffset stored at `pos` and returns the absolute position it points at. */
  private follow(pos: number, path: string): number {
    if (pos % 4 !== 0) this.fail('offset is not 4-byte aligned', pos, path);
    const offset = readU32(this.bytes, pos);
    if (offset === 0 || offset > MAX_BUFFER_SIZE) this.fail(`invalid offset ${offset}`, pos, path);
    const target = pos + offset;
    if (target >= this.bytes.length) {
      this.fail(`offset ${offset} points past the end of the buffer (${this.bytes.length} bytes)`, pos, path);
    }
    return target;
  }

  /** Checks a vector's length prefix and returns its element count. */
  private vector(pos: number, elementSize: number, path: string): number {
    if (pos % 4 !== 0) this.fail('vector is not 4-byte aligned', pos, path);
    if (pos + 4 > this.bytes.length) this.fail('vector length lies past the end of the buffer', pos, path);
    const length = readU32(this.bytes, pos);
    const room = this.bytes.length - pos - 4;
    if (length * elementSize > room) {
      this.fail(`vector of ${length} elements needs ${length * elementSize} bytes but only ${room} remain`, pos, path);
    }
    return length;
  }

  private string(pos: number, path: string): void {
    const length = this.vector(pos, 1, path);
    if (length + 1 > this.bytes.length - pos - 4) this.fail('string has no terminating zero byte', pos, path);
    if (this.bytes[pos + 4 + length] !== 0) this.fail('string is not zero-terminated', pos, path);
  }

  table(pos: number, layout: TableLayout, path: string, depth: number): void {
    const { bytes } = this;
    this.spend(1, pos, path);
    if (depth > MAX_DEPTH) {
      throw modelError('ETB2006', `flatbuffer tables nest deeper than ${MAX_DEPTH}`, this.ctx, { byteOffset: pos, table: path });
    }
    if (pos % 4 !== 0) this.fail(`${layout.name} table is not 4-byte aligned`, pos, path);
    if (pos + 4 > bytes.length) this.fail(`${layout.name} table starts past the end of the buffer`, pos, path);
    const vtable = pos - readI32(bytes, pos);
    if (vtable < 0 || vtable + 4 > bytes.length) this.fail(`${layout.name} vtable lies outside the buffer`, pos, path);
    if (vtable % 2 !== 0) this.fail(`${layout.name} vtable is not 2-byte aligned`, vtable, path);
    const vtableSize = readU16(bytes, vtable);
    const objectSize = readU16(bytes, vtable + 2);
    // The JS runtime reads vtable entries as signed 16-bit numbers: larger ones would point backwards.
    if (vtableSize < 4 || vtableSize % 2 !== 0 || vtableSize > MAX_VOFFSET || vtable + vtableSize > bytes.length) {
      this.fail(`${layout.name} vtable size ${vtableSize} is invalid`, vtable, path);
    }
    if (objectSize < 4 || pos + objectSize > bytes.length) {
      this.fail(`${layout.name} table size ${objectSize} runs past the end of the buffer`, pos, path);
    }
    const fieldOffset = (slot: number): number => {
      const entry = 4 + 2 * slot;
      return entry < vtableSize ? readU16(bytes, vtable + entry) : 0;
    };
    // Where a field's bytes are, after checking they lie inside the table object and are aligned.
    const fieldAt = (slot: number, size: number, name: string): number | null => {
      const offset = fieldOffset(slot);
      if (offset === 0) return null;
      const at = pos + offset;
      if (offset > MAX_VOFFSET) this.fail(`field ${name} has offset ${offset}, past the 32 KiB a table can hold`, at, `${path}.${name}`);
      // Writers do not always count a trailing wide field in the vtable's object size (exir's
      // files do not), so, like flatbuffers' own verifier, only require the field inside the buffer.
      if (at + size > bytes.length) this.fail(`field ${name} lies outside the buffer`, at, `${path}.${name}`);
      if (at % size !== 0) this.fail(`field ${name} is not ${size}-byte aligned`, at, `${path}.${name}`);
      return at;
    };

    let slot = 0;
    for (const field of layout.fields) {
      const fieldPath = `${path}.${field.name}`;
      if (field.kind === 'union') {
        const tagAt = fieldAt(slot, 1, `${field.name}_type`);
        const valueAt = fieldAt(slot + 1, 4, field.name);
        slot += 2;
        const tag = tagAt === null ? 0 : (bytes[tagAt] ?? 0);
        if (tag === 0) continue;
        const member = field.members[tag - 1];
        if (member === undefined) this.fail(`unknown ${field.name} type tag ${tag}`, tagAt ?? pos, fieldPath);
        if (valueAt === null) this.fail(`${field.name} has type ${member.name} but no value`, pos, fieldPath);
        this.table(this.follow(valueAt, fieldPath), member, `${fieldPath}(${member.name})`, depth + 1);
        continue;
      }
      if (field.kind === 'scalar') {
        fieldAt(slot++, SCALAR_SIZE[field.type], field.name);
        continue;
      }
      const at = fieldAt(slot++, 4, field.name);
      if (at === null) continue;
      const target = this.follow(at, fieldPath);
      switch (field.kind) {
        case 'string':
          this.string(target, fieldPath);
          break;
        case 'table':
          this.table(target, field.table, fieldPath, depth + 1);
          break;
        case 'scalars': {
          const size = SCALAR_SIZE[field.type];
          const length = this.vector(target, size, fieldPath);
          // Byte vectors are handed out as views; other scalars are read one by one later.
          this.spend(size === 1 && field.type !== 'bool' ? 1 : length, target, fieldPath);
          break;
        }
        case 'strings':
        case 'tables': {
          const length = this.vector(target, 4, fieldPath);
          this.spend(length, target, fieldPath);
          for (let i = 0; i < length; i++) {
            const element = this.follow(target + 4 + 4 * i, `${fieldPath}[${i}]`);
            if (field.kind === 'strings') this.string(element, `${fieldPath}[${i}]`);
            else this.table(element, field.table, `${fieldPath}[${i}]`, depth + 1);
          }
          break;
        }
      }
    }
  }
}

/**
 * Verifies a whole flatbuffer (root offset at byte 0, then the root table) against `root`.
 * Throws an EtbError (ETB2002, ETB2005, ETB2006) naming the table path and byte offset on failure.
 */
export function verifyFlatbuffer(bytes: Uint8Array, root: TableLayout, ctx: ReadContext): void {
  if (bytes.length > MAX_BUFFER_SIZE) {
    throw modelError('ETB2006', `flatbuffer of ${bytes.length} bytes exceeds the 2 GiB format limit`, ctx);
  }
  if (bytes.length < 8) {
    throw modelError('ETB2002', `file is ${bytes.length} bytes, too short for a flatbuffer (at least 8)`, ctx, {}, [CORRUPT_HINT]);
  }
  const rootOffset = readU32(bytes, 0);
  if (rootOffset < 8 || rootOffset > bytes.length - 4) {
    throw modelError(
      'ETB2005', `malformed flatbuffer: root table offset ${rootOffset} is outside the ${bytes.length}-byte buffer`,
      ctx, { byteOffset: 0, table: root.name }, [CORRUPT_HINT],
    );
  }
  new Verifier(bytes, ctx).table(rootOffset, root, root.name, 0);
}

/** Whether field `slot` of the (verified) root table is present. */
export function rootHasSlot(bytes: Uint8Array, slot: number): boolean {
  const root = readU32(bytes, 0);
  const vtable = root - readI32(bytes, root);
  const entry = 4 + 2 * slot;
  return entry < readU16(bytes, vtable) && readU16(bytes, vtable + entry) !== 0;
}
