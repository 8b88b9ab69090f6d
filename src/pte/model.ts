// The immutable model of an ExecuTorch file that every later stage works on. Nothing of
// flatbuffers leaks out of src/pte: these are plain objects (byte payloads are Uint8Array views
// into the file that was read). Int64 values are JavaScript numbers: the format uses values past
// 2^53 only as "to the end" sentinels (slice ends and the like), where rounding does not matter.

export const SCALAR_TYPES = {
  BYTE: 0, CHAR: 1, SHORT: 2, INT: 3, LONG: 4, HALF: 5, FLOAT: 6, DOUBLE: 7, BOOL: 11,
  QINT8: 12, QUINT8: 13, QINT32: 14, BFLOAT16: 15, QUINT4X2: 16, QUINT2X4: 17, BITS16: 22,
  FLOAT8E5M2: 23, FLOAT8E4M3FN: 24, FLOAT8E5M2FNUZ: 25, FLOAT8E4M3FNUZ: 26,
  UINT16: 27, UINT32: 28, UINT64: 29,
} as const;

/** A dtype by its schema enum name (`FLOAT`, `CHAR`, `LONG`, ...). */
export type ScalarTypeName = keyof typeof SCALAR_TYPES;

/** Bytes per element; null for sub-byte packed types. */
export const ELEMENT_SIZE: Readonly<Record<ScalarTypeName, number | null>> = {
  BYTE: 1, CHAR: 1, SHORT: 2, INT: 4, LONG: 8, HALF: 2, FLOAT: 4, DOUBLE: 8, BOOL: 1,
  QINT8: 1, QUINT8: 1, QINT32: 4, BFLOAT16: 2, QUINT4X2: null, QUINT2X4: null, BITS16: 2,
  FLOAT8E5M2: 1, FLOAT8E4M3FN: 1, FLOAT8E5M2FNUZ: 1, FLOAT8E4M3FNUZ: 1,
  UINT16: 2, UINT32: 4, UINT64: 8,
};

export type ShapeDynamism = 'STATIC' | 'DYNAMIC_BOUND' | 'DYNAMIC_UNBOUND';

/** The `eh00` extended header at byte 8 (length 24 lacks segmentDataSize). */
export interface ExtendedHeader {
  readonly magic: 'eh00';
  readonly headerLength: number;
  readonly programSize: number;
  readonly segmentBaseOffset: number;
  readonly segmentDataSize: number | null;
}

/** A segment as the program lists it; `offset` is relative to the segment base. */
export interface Segment {
  readonly offset: number;
  readonly size: number;
}

/** Where a tensor's bytes come from. */
export type TensorData =
  /** Planned memory, or supplied at run time (unplanned inputs/outputs). */
  | { readonly kind: 'none' }
  /** Read-only constant (constant segment or deprecated inline constant_buffer). */
  | { readonly kind: 'constant'; readonly bytes: Uint8Array }
  /** Planned tensor with an initial state stored in a mutable data segment (trainable weights). */
  | { readonly kind: 'mutable-initial'; readonly bytes: Uint8Array }
  /** Stored outside the file by fully qualified name; bytes are null until a .ptd resolves it. */
  | { readonly kind: 'external'; readonly fqn: string; readonly bytes: Uint8Array | null };

export interface Allocation {
  readonly memoryId: number;
  readonly offset: number;
}

export interface TensorValue {
  readonly kind: 'Tensor';
  readonly dtype: ScalarTypeName;
  readonly sizes: readonly number[];
  readonly dimOrder: readonly number[];
  readonly storageOffset: number;
  readonly requiresGrad: boolean;
  readonly dataBufferIdx: number;
  readonly allocation: Allocation | null;
  readonly dynamism: ShapeDynamism;
  readonly fqn: string | null;
  readonly data: TensorData;
}

export type Value =
  | { readonly kind: 'Null' }
  | { readonly kind: 'Int'; readonly value: number }
  | { readonly kind: 'Bool'; readonly value: boolean }
  | { readonly kind: 'Double'; readonly value: number }
  | { readonly kind: 'String'; readonly value: string }
  /** Items are resolved from the Int values the list refers to (`valueIndices`). */
  | { readonly kind: 'IntList'; readonly valueIndices: readonly number[]; readonly items: readonly number[] }
  | { readonly kind: 'DoubleList'; readonly items: readonly number[] }
  | { readonly kind: 'BoolList'; readonly items: readonly boolean[] }
  /** Items are value indices of tensors. */
  | { readonly kind: 'TensorList'; readonly items: readonly number[] }
  /** Items are value indices of tensors or of Null values; -1 also stands for None. */
  | { readonly kind: 'OptionalTensorList'; readonly items: readonly number[] }
  | TensorValue;

export type ValueKind = Value['kind'];

export type Instruction =
  | { readonly kind: 'KernelCall'; readonly opIndex: number; readonly args: readonly number[] }
  | { readonly kind: 'DelegateCall'; readonly delegateIndex: number; readonly args: readonly number[] }
  | { readonly kind: 'MoveCall'; readonly from: number; readonly to: number }
  | { readonly kind: 'JumpFalseCall'; readonly condValueIndex: number; readonly destination: number }
  | { readonly kind: 'FreeCall'; readonly valueIndex: number };

export type InstructionKind = Instruction['kind'];

export interface Chain {
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly instructions: readonly Instruction[];
}

export interface Operator {
  readonly name: string;      // e.g. "aten::add"
  readonly overload: string;  // e.g. "out"
}

export interface Delegate {
  readonly id: string;
  readonly processed: {
    readonly location: 'INLINE' | 'SEGMENT';
    readonly index: number;
    /** Size of the blob in bytes, once its reference was checked. */
    readonly size: number;
  };
  readonly compileSpecs: readonly { readonly key: string; readonly value: Uint8Array }[];
}

export interface Method {
  readonly name: string;
  readonly values: readonly Value[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly chains: readonly Chain[];
  readonly operators: readonly Operator[];
  readonly delegates: readonly Delegate[];
  /** Planned buffer sizes in bytes; index 0 is reserved and 0. */
  readonly nonConstBufferSizes: readonly number[];
}

export interface NamedDataEntry {
  readonly key: string;
  readonly segmentIndex: number;
  readonly bytes: Uint8Array;
}

export interface Program {
  readonly fileIdentifier: 'ET12';
  readonly version: number;
  readonly extendedHeader: ExtendedHeader | null;
  readonly segments: readonly Segment[];
  readonly methods: readonly Method[];
  /** Where constant tensors live: the constant segment, the deprecated inline buffer, or nowhere. */
  readonly constantStorage: 'segment' | 'inline' | 'none';
  /** Bytes of constant data (the constant segment's size, or the inline buffers' sum). */
  readonly constantBytes: number;
  readonly namedData: readonly NamedDataEntry[];
  /** Sizes of the mutable data segments' data, one entry per SubsegmentOffsets. */
  readonly mutableDataBytes: readonly number[];
  /** Sizes of the inline delegate blobs (Program.backend_delegate_data). */
  readonly inlineDelegateDataBytes: readonly number[];
}

export type BundledValue =
  | {
      readonly kind: 'Tensor';
      readonly dtype: ScalarTypeName;
      readonly sizes: readonly number[];
      readonly dimOrder: readonly number[];
      readonly data: Uint8Array;
    }
  | { readonly kind: 'Int'; readonly value: number }
  | { readonly kind: 'Bool'; readonly value: boolean }
  | { readonly kind: 'Double'; readonly value: number };

export interface BundledTestCase {
  readonly inputs: readonly BundledValue[];
  readonly expectedOutputs: readonly BundledValue[];
}

export interface BundledProgram {
  readonly fileIdentifier: 'BP08';
  readonly version: number;
  readonly program: Program;
  /** Byte offset of the embedded ET12 program inside the .bpte. */
  readonly programOffset: number;
  readonly programSize: number;
  readonly suites: readonly { readonly methodName: string; readonly testCases: readonly BundledTestCase[] }[];
}

/** The `FH01` header of a .ptd file. */
export interface FlatTensorHeader {
  readonly magic: 'FH01';
  readonly headerLength: number;
  readonly flatbufferOffset: number;
  readonly flatbufferSize: number;
  readonly segmentBaseOffset: number;
  readonly segmentDataSize: number;
}

export interface ExternalTensor {
  readonly key: string;
  /** null for untyped named data (no tensor layout). */
  readonly dtype: ScalarTypeName | null;
  readonly sizes: readonly number[];
  readonly dimOrder: readonly number[];
  readonly bytes: Uint8Array;
}

export interface FlatTensorFile {
  readonly fileIdentifier: 'FT01';
  /** `named-data` is today's layout; `tensors-v0` the first (2025-02) one with the same identifier. */
  readonly layout: 'named-data' | 'tensors-v0';
  readonly header: FlatTensorHeader | null;
  readonly version: number;
  readonly segments: readonly Segment[];
  readonly tensors: readonly ExternalTensor[];
}

export type ModelFile =
  | { readonly kind: 'program'; readonly program: Program }
  | { readonly kind: 'bundled'; readonly bundled: BundledProgram; readonly program: Program }
  | { readonly kind: 'data'; readonly data: FlatTensorFile };

export function tensorNumel(t: { readonly sizes: readonly number[] }): number {
  return t.sizes.reduce((a, b) => a * b, 1);
}

export function tensorNbytes(t: { readonly sizes: readonly number[]; readonly dtype: ScalarTypeName }): number {
  return tensorNumel(t) * (ELEMENT_SIZE[t.dtype] ?? 0);
}
