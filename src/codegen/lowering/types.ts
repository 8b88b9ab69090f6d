// The contract between the generator and one operator's lowering: a lowering turns one
// KernelCall into a C expression of type etb_status, with everything that can be known at build
// time (shapes, strides, broadcast plans, scalar arguments) computed here in TypeScript and
// emitted as constants. One lowering file per operator family, beside runtime-c/kernels/.
import type { KernelEntry } from '../../analysis/catalogue.js';
import type { Method, ScalarTypeName, TensorValue, Value } from '../../pte/model.js';

export interface LoweringContext {
  readonly method: Method;
  readonly instruction: number;
  /** "aten::add.out" */
  readonly opName: string;
  /** The manifest entry the call matched. */
  readonly kernel: KernelEntry;
  /** The call's argument value indices, in program order. */
  readonly args: readonly number[];

  /** The value passed for the manifest argument `name`. */
  value(name: string): Value;
  /** The tensor passed for `name` (fails the build with a named error if it is not a tensor). */
  tensor(name: string): TensorValue;
  /** Null (or an omitted optional) for `name`? */
  isNull(name: string): boolean;
  /** C expression of a pointer to the tensor descriptor for `name`: `&forward_t5`, or `NULL` for Null. */
  tensorRef(name: string): string;
  /** C expression of the tensor's data pointer, typed: `((float *)forward_t5.data)`. */
  dataRef(name: string, ctype: string): string;
  /** The number an Int/Double/Bool value holds (fails the build if it is only known at run time). */
  number(name: string): number;
  /** A C expression for a scalar argument converted to `dtype` (a literal, or a variable for run-time values). */
  scalar(name: string, dtype: ScalarTypeName): string;
  /** Items of an IntList (or DoubleList/BoolList) value. */
  list(name: string): readonly number[];
  /** Items of a TensorList as tensors. */
  tensorList(name: string): readonly TensorValue[];
  /** C expressions of pointers to the descriptors of a TensorList's items (`NULL` for an OptionalTensorList's None items). */
  tensorListRefs(name: string): readonly string[];

  /** Emits `static const <ctype> <name>[] = {...}` once per distinct content; returns the name. */
  constArray(ctype: string, values: readonly (number | string)[]): string;
  /** Emits a static declaration built from a fresh name (`declare(name => \`static const x ${name} = ...;\`)`). */
  declare(prefix: string, render: (name: string) => string): string;
  /**
   * Marks the kernel function `<family>_<variant>` as used and returns its name: only used kernel
   * functions are compiled (ETB_USE_<function>). For kernels written as dtype templates,
   * `typeArgs` are the C types the template is instantiated with (ETB_VARIANTS_<family>).
   */
  use(family: string, variant: string, typeArgs?: readonly string[]): string;
  /** Fails the build with a named error at this instruction. */
  fail(code: string, message: string, hints?: readonly string[]): never;
}

export interface Lowering {
  /** Operators this lowering handles, as "namespace::name.overload". */
  readonly ops: readonly string[];
  /** A C expression of type etb_status that performs the call. */
  emit(ctx: LoweringContext): string;
}
