// The wire layout of every table in schema/*.fbs, as data the verifier walks (src/pte/verify.ts).
// The generated readers trust the buffer; these descriptions let us check a buffer first. Fields
// are listed in schema order: a field's vtable slot is its position, and a union takes two slots
// (its type tag, then the value). test/unit/pte/layout.test.ts checks this file against the .fbs.

export type ScalarKind = 'bool' | 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'i64' | 'f32' | 'f64';

export const SCALAR_SIZE: Readonly<Record<ScalarKind, 1 | 2 | 4 | 8>> = {
  bool: 1, u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8, f32: 4, f64: 8,
};

export type FieldLayout =
  | { readonly name: string; readonly kind: 'scalar'; readonly type: ScalarKind }
  | { readonly name: string; readonly kind: 'string' }
  | { readonly name: string; readonly kind: 'table'; readonly table: TableLayout }
  | { readonly name: string; readonly kind: 'scalars'; readonly type: ScalarKind }
  | { readonly name: string; readonly kind: 'strings' }
  | { readonly name: string; readonly kind: 'tables'; readonly table: TableLayout }
  /** `members[tag - 1]` is the table for union tag `tag`; tag 0 is NONE. */
  | { readonly name: string; readonly kind: 'union'; readonly members: readonly TableLayout[] };

export interface TableLayout {
  readonly name: string;
  readonly fields: readonly FieldLayout[];
}

const scalar = (name: string, type: ScalarKind): FieldLayout => ({ name, kind: 'scalar', type });
const string = (name: string): FieldLayout => ({ name, kind: 'string' });
const table = (name: string, t: TableLayout): FieldLayout => ({ name, kind: 'table', table: t });
const scalars = (name: string, type: ScalarKind): FieldLayout => ({ name, kind: 'scalars', type });
const tables = (name: string, t: TableLayout): FieldLayout => ({ name, kind: 'tables', table: t });
const union = (name: string, members: readonly TableLayout[]): FieldLayout => ({ name, kind: 'union', members });
const def = (name: string, ...fields: FieldLayout[]): TableLayout => ({ name, fields });

// --- schema/program.fbs (ET12) ---------------------------------------------------------------

const ContainerMetadata = def('ContainerMetadata', string('encoded_inp_str'), string('encoded_out_str'));
const Null = def('Null');
const AllocationDetails = def('AllocationDetails',
  scalar('memory_id', 'u32'), scalar('memory_offset_low', 'u32'), scalar('memory_offset_high', 'u32'));
const ExtraTensorInfo = def('ExtraTensorInfo',
  scalar('mutable_data_segments_idx', 'u64'), string('fully_qualified_name'), scalar('location', 'i8'),
  scalar('device_type', 'i8'), scalar('device_index', 'i8'));
const Tensor = def('Tensor',
  scalar('scalar_type', 'i8'), scalar('storage_offset', 'i32'), scalars('sizes', 'i32'), scalars('dim_order', 'u8'),
  scalar('requires_grad', 'bool'), scalar('data_buffer_idx', 'u32'), table('allocation_info', AllocationDetails),
  scalar('layout', 'i8'), scalar('shape_dynamism', 'i8'), table('extra_tensor_info', ExtraTensorInfo));
const Int = def('Int', scalar('int_val', 'i64'));
const Bool = def('Bool', scalar('bool_val', 'bool'));
const Double = def('Double', scalar('double_val', 'f64'));
const String = def('String', string('string_val'));
const IntList = def('IntList', scalars('items', 'i64'));
const DoubleList = def('DoubleList', scalars('items', 'f64'));
const BoolList = def('BoolList', scalars('items', 'bool'));
const TensorList = def('TensorList', scalars('items', 'i32'));
const OptionalTensorList = def('OptionalTensorList', scalars('items', 'i32'));
const EValue = def('EValue', union('val', [
  Null, Int, Bool, Double, Tensor, String, IntList, DoubleList, BoolList, TensorList, OptionalTensorList,
]));
const Operator = def('Operator', string('name'), string('overload'));
const KernelCall = def('KernelCall', scalar('op_index', 'i32'), scalars('args', 'i32'));
const DelegateCall = def('DelegateCall', scalar('delegate_index', 'i32'), scalars('args', 'i32'));
const MoveCall = def('MoveCall', scalar('move_from', 'i32'), scalar('move_to', 'i32'));
const JumpFalseCall = def('JumpFalseCall', scalar('cond_value_index', 'i32'), scalar('destination_instruction', 'i32'));
const FreeCall = def('FreeCall', scalar('value_index', 'i32'));
const Instruction = def('Instruction', union('instr_args', [KernelCall, DelegateCall, MoveCall, JumpFalseCall, FreeCall]));
const Frame = def('Frame', string('filename'), scalar('lineno', 'i32'), string('name'), string('context'));
const FrameList = def('FrameList', tables('items', Frame));
const BackendDelegateDataReference = def('BackendDelegateDataReference', scalar('location', 'i8'), scalar('index', 'u32'));
const CompileSpec = def('CompileSpec', string('key'), scalars('value', 'u8'));
const BackendDelegate = def('BackendDelegate',
  string('id'), table('processed', BackendDelegateDataReference), tables('compile_specs', CompileSpec));
const Chain = def('Chain',
  scalars('inputs', 'i32'), scalars('outputs', 'i32'), tables('instructions', Instruction), tables('stacktrace', FrameList));
const NonConstBufferDevice = def('NonConstBufferDevice',
  scalar('buffer_idx', 'i32'), scalar('device_type', 'i8'), scalar('device_index', 'i8'));
const ExecutionPlan = def('ExecutionPlan',
  string('name'), table('container_meta_type', ContainerMetadata), tables('values', EValue), scalars('inputs', 'i32'),
  scalars('outputs', 'i32'), tables('chains', Chain), tables('operators', Operator), tables('delegates', BackendDelegate),
  scalars('non_const_buffer_sizes', 'i64'), tables('non_const_buffer_device', NonConstBufferDevice));
const Buffer = def('Buffer', scalars('storage', 'u8'));
const BackendDelegateInlineData = def('BackendDelegateInlineData', scalars('data', 'u8'));
const DataSegment = def('DataSegment', scalar('offset', 'u64'), scalar('size', 'u64'));
const SubsegmentOffsets = def('SubsegmentOffsets', scalar('segment_index', 'u32'), scalars('offsets', 'u64'));
const NamedData = def('NamedData', string('key'), scalar('segment_index', 'u32'));

export const PROGRAM_LAYOUT = def('Program',
  scalar('version', 'u32'), tables('execution_plan', ExecutionPlan), tables('constant_buffer', Buffer),
  tables('backend_delegate_data', BackendDelegateInlineData), tables('segments', DataSegment),
  table('constant_segment', SubsegmentOffsets), tables('mutable_data_segments', SubsegmentOffsets),
  tables('named_data', NamedData));

// --- schema/bundled_program.fbs (BP08) -------------------------------------------------------

const BundledInt = def('Int', scalar('int_val', 'i64'));
const BundledBool = def('Bool', scalar('bool_val', 'bool'));
const BundledDouble = def('Double', scalar('double_val', 'f64'));
const BundledTensor = def('Tensor',
  scalar('scalar_type', 'i8'), scalars('sizes', 'i32'), scalars('data', 'u8'), scalars('dim_order', 'u8'));
const BundledValue = def('Value', union('val', [BundledTensor, BundledInt, BundledBool, BundledDouble]));
const BundledMethodTestCase = def('BundledMethodTestCase',
  tables('inputs', BundledValue), tables('expected_outputs', BundledValue));
const BundledMethodTestSuite = def('BundledMethodTestSuite',
  string('method_name'), tables('test_cases', BundledMethodTestCase));

export const BUNDLED_PROGRAM_LAYOUT = def('BundledProgram',
  scalar('version', 'u32'), tables('method_test_suites', BundledMethodTestSuite), scalars('program', 'u8'));

// --- schema/flat_tensor.fbs (FT01, named-data layout) ----------------------------------------

const TensorLayout = def('TensorLayout', scalar('scalar_type', 'i8'), scalars('sizes', 'i32'), scalars('dim_order', 'u8'));
const FlatTensorNamedData = def('NamedData',
  string('key'), scalar('segment_index', 'u32'), table('tensor_layout', TensorLayout));

export const FLAT_TENSOR_LAYOUT = def('FlatTensor',
  scalar('version', 'u32'), tables('segments', DataSegment), tables('named_data', FlatTensorNamedData));

// --- schema/flat_tensor_v0.fbs (FT01, first 2025-02 layout) ----------------------------------

const TensorMetadata = def('TensorMetadata',
  string('fully_qualified_name'), scalar('scalar_type', 'i8'), scalars('sizes', 'i32'), scalars('dim_order', 'u8'),
  scalar('segment_index', 'u32'), scalar('offset', 'u64'));

export const FLAT_TENSOR_V0_LAYOUT = def('FlatTensor',
  scalar('version', 'u32'), scalar('tensor_alignment', 'u32'), tables('tensors', TensorMetadata),
  tables('segments', DataSegment));
