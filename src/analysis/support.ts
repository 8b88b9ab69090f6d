// Can etbuild build this program for a microcontroller? A pure judgement over the program model,
// shared by `etbuild inspect` (its one-line verdict) and the build (which refuses early with the
// same reasons). It looks only at what no board choice can fix: delegates, operators without a
// kernel, unbounded shapes and external data that was not supplied.
import type { Program, TensorValue } from '../pte/model.js';
import { hasKernel } from './catalogue.js';

export interface SupportVerdict {
  readonly buildable: boolean;
  readonly reasons: readonly string[];
}

export type KernelLookup = (op: string, overload: string) => boolean;

/** Why each known delegate cannot run on a microcontroller's CPU. */
const DELEGATE_TARGETS: Readonly<Record<string, string>> = {
  XnnpackBackend: 'XNNPACK targets application processors (Arm Cortex-A, x86)',
  QnnBackend: 'QNN targets Qualcomm Hexagon NPUs and DSPs',
  OpenvinoBackend: 'OpenVINO targets Intel CPUs, GPUs and NPUs',
  CoreMLBackend: 'Core ML targets Apple devices',
  MPSBackend: 'MPS targets Apple GPUs',
  VulkanBackend: 'Vulkan targets GPUs',
  EthosUBackend: 'Ethos-U runs on an Arm NPU through its own driver, not on the Cortex-M CPU',
  VgfBackend: 'VGF targets Arm GPUs',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function assessSupport(program: Program, kernelAvailable: KernelLookup = hasKernel): SupportVerdict {
  const reasons: string[] = [];

  const delegateMethods = new Map<string, string[]>();
  for (const method of program.methods) {
    for (const delegate of method.delegates) {
      const methods = delegateMethods.get(delegate.id) ?? [];
      if (!methods.includes(method.name)) methods.push(method.name);
      delegateMethods.set(delegate.id, methods);
    }
  }
  for (const [id, methods] of delegateMethods) {
    const target = DELEGATE_TARGETS[id] ?? `the ${id} delegate runs outside etbuild's portable C kernels`;
    reasons.push(
      `${methods.join(', ')} ${methods.length === 1 ? 'calls' : 'call'} the ${id} delegate: ${target}; ` +
      'export without that partitioner so the operators stay portable',
    );
  }

  const missing = new Set<string>();
  for (const method of program.methods) {
    for (const chain of method.chains) {
      for (const instruction of chain.instructions) {
        if (instruction.kind !== 'KernelCall') continue;
        const op = method.operators[instruction.opIndex];
        if (op !== undefined && !kernelAvailable(op.name, op.overload)) missing.add(`${op.name}.${op.overload}`);
      }
    }
  }
  if (missing.size > 0) {
    reasons.push(`${plural(missing.size, 'operator')} without a kernel in etbuild: ${[...missing].join(', ')}`);
  }

  for (const method of program.methods) {
    const tensors = method.values.filter((v): v is TensorValue => v.kind === 'Tensor');
    const unbound = tensors.filter((t) => t.dynamism === 'DYNAMIC_UNBOUND').length;
    if (unbound > 0) {
      reasons.push(
        `${method.name} has ${plural(unbound, 'tensor')} with unbounded dynamic shape: ` +
        'export with static shapes or bounded dynamic dimensions so memory can be planned',
      );
    }
    const unresolved = tensors.filter((t) => t.data.kind === 'external' && t.data.bytes === null);
    if (unresolved.length > 0) {
      const names = unresolved.map((t) => t.fqn).slice(0, 3).join(', ');
      reasons.push(
        `${method.name} reads ${plural(unresolved.length, 'external tensor')} (${names}${unresolved.length > 3 ? ', ...' : ''}) ` +
        'from a .ptd file: pass it with --data FILE.ptd',
      );
    }
  }

  return { buildable: reasons.length === 0, reasons };
}
