// Reads a bundled program (.bpte, BP08): a complete ET12 program stored as a byte vector, plus
// test suites with inputs and expected outputs for its methods.
import { ByteBuffer } from 'flatbuffers';
import * as fb from './generated/bundled_program.js';
import type { BundledProgram, BundledTestCase, BundledValue } from './model.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';
import { fileIdentifier } from './header.js';
import { BUNDLED_PROGRAM_LAYOUT } from './layout.js';
import { readProgram, type ProgramReadOptions } from './program.js';
import { readTensorShape, shapeNbytes } from './tensor-shape.js';
import { verifyFlatbuffer } from './verify.js';

export function readBundledProgram(bytes: Uint8Array, ctx: ReadContext, options: ProgramReadOptions = {}): BundledProgram {
  verifyFlatbuffer(bytes, BUNDLED_PROGRAM_LAYOUT, ctx);
  const root = fb.BundledProgram.getRootAsBundledProgram(new ByteBuffer(bytes));
  const fail = (message: string, table: string): never => {
    throw modelError('ETB2014', message, ctx, { table }, [CORRUPT_HINT]);
  };

  const programBytes = root.programArray() ?? fail('bundled program has no embedded program', 'BundledProgram.program');
  const programOffset = programBytes.byteOffset - bytes.byteOffset;
  if (fileIdentifier(programBytes) !== 'ET12') {
    fail('the embedded program is not an ExecuTorch program (no ET12 identifier at its bytes 4..8)', 'BundledProgram.program');
  }
  const program = readProgram(programBytes, { file: ctx.file, baseOffset: ctx.baseOffset + programOffset }, options);

  const suites: BundledProgram['suites'][number][] = [];
  for (let s = 0; s < root.methodTestSuitesLength(); s++) {
    const suite = root.methodTestSuites(s) as fb.BundledMethodTestSuite;
    const table = `BundledProgram.method_test_suites[${s}]`;
    const methodName = suite.methodName();
    if (typeof methodName !== 'string') fail('test suite has no method name', table);
    if (!program.methods.some((m) => m.name === methodName)) {
      fail(`test suite is for method "${String(methodName)}", which the embedded program does not have`, table);
    }
    const testCases: BundledTestCase[] = [];
    for (let c = 0; c < suite.testCasesLength(); c++) {
      const testCase = suite.testCases(c) as fb.BundledMethodTestCase;
      const casePath = `${table}.test_cases[${c}]`;
      const inputs: BundledValue[] = [];
      for (let i = 0; i < testCase.inputsLength(); i++) {
        inputs.push(readBundledValue(testCase.inputs(i) as fb.Value, `${casePath}.inputs[${i}]`, ctx));
      }
      const expectedOutputs: BundledValue[] = [];
      for (let i = 0; i < testCase.expectedOutputsLength(); i++) {
        expectedOutputs.push(readBundledValue(testCase.expectedOutputs(i) as fb.Value, `${casePath}.expected_outputs[${i}]`, ctx));
      }
      testCases.push({ inputs, expectedOutputs });
    }
    suites.push({ methodName: methodName as string, testCases });
  }

  return {
    fileIdentifier: 'BP08',
    version: root.version(),
    program,
    programOffset: ctx.baseOffset + programOffset,
    programSize: programBytes.length,
    suites,
  };
}

function readBundledValue(value: fb.Value, table: string, ctx: ReadContext): BundledValue {
  switch (value.valType()) {
    case fb.ValueUnion.Tensor: {
      const tensor = value.val(new fb.Tensor()) as fb.Tensor;
      const shape = readTensorShape(tensor, ctx, table);
      const data = tensor.dataArray() ?? new Uint8Array(0);
      const nbytes = shapeNbytes(shape);
      if (data.length < nbytes) {
        throw modelError('ETB2014', `test tensor holds ${data.length} bytes, its shape needs ${nbytes}`, ctx, { table }, [CORRUPT_HINT]);
      }
      return { kind: 'Tensor', ...shape, data: data.subarray(0, nbytes) };
    }
    case fb.ValueUnion.Int:
      return { kind: 'Int', value: Number((value.val(new fb.Int()) as fb.Int).intVal()) };
    case fb.ValueUnion.Bool:
      return { kind: 'Bool', value: (value.val(new fb.Bool()) as fb.Bool).boolVal() };
    case fb.ValueUnion.Double:
      return { kind: 'Double', value: (value.val(new fb.Double()) as fb.Double).doubleVal() };
    default:
      throw modelError('ETB2014', 'test value has no type', ctx, { table }, [CORRUPT_HINT]);
  }
}

