/* cortex_m::quantized_mul.out (CMSIS-NN arm_elementwise_mul_s8):
 *   out = clamp(requantize((in1 + input1_offset) * (in2 + input2_offset), output_multiplier,
 *               output_shift) + output_offset, act_min, act_max)
 * The offsets are the negated input zero points; upstream clamps to [-128, 127]. */
#ifndef ETB_CM_OP_QUANTIZED_MUL_H
#define ETB_CM_OP_QUANTIZED_MUL_H

#include "etb_cortex_m.h"
#include "etb/elementwise.h"

typedef struct etb_cm_mul_params {
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t act_min;
  int32_t act_max;
} etb_cm_mul_params;

/* Same-shape operands, `count` elements in memory order. */
ETB_NODISCARD etb_status etb_cm_mul_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count,
                                       const etb_cm_mul_params *params);

/* Broadcasting operands: plan operand 0 is the output, 1 and 2 the inputs. */
ETB_NODISCARD etb_status etb_cm_mul_broadcast_s8(const int8_t *input1, const int8_t *input2, int8_t *output,
                                                 const etb_broadcast *plan, const etb_cm_mul_params *params);

#endif
