/* cortex_m::quantized_batch_matmul.out (CMSIS-NN arm_batch_matmul_s8): lhs [batches, rows, inner],
 * rhs given transposed [batches, cols, inner], output [batches, rows, cols]:
 *   acc = sum_k (lhs[r][k] + lhs_offset) * (rhs_t[c][k] + rhs_offset)
 *   out = clamp(requantize(acc, multiplier, shift) + output_offset, act_min, act_max)
 * The offsets are the negated zero points (the program passes them negated already). */
#ifndef ETB_CM_OP_QUANTIZED_BATCH_MATMUL_H
#define ETB_CM_OP_QUANTIZED_BATCH_MATMUL_H

#include "etb_cortex_m.h"

typedef struct etb_cm_batch_matmul_params {
  int32_t batches;
  int32_t rows;
  int32_t cols;
  int32_t inner;
  int32_t lhs_offset;
  int32_t rhs_offset;
  int32_t output_offset;
  int32_t multiplier;
  int32_t shift;
  int32_t act_min, act_max;
} etb_cm_batch_matmul_params;

ETB_NODISCARD etb_status etb_cm_batch_matmul_s8(const etb_cm_batch_matmul_params *params, const int8_t *lhs,
                                                const int8_t *rhs_transposed, int8_t *output);

#endif
