// Lowerings of this operator family (see types.ts for the contract and arithmetic.ts for an example).
import type { Lowering } from './types.js';

export const reduceLowerings: readonly Lowering[] = [];
