/* cortex_m::quantized_add.out (CMSIS-NN arm_elementwise_add_s8): each input is offset, scaled up
 * by 2^left_shift and requantized to a common scale; the sum is requantized to the output scale,
 * offset and clamped:
 *   x_k = requantize((in_k + input_k_offset) << left_shift, input_k_multiplier, input_k_shift)
 *   out = clamp(requantize(x_1 + x_2, output_multiplier, output_shift) + output_offset, act_min, act_max)
 * The offsets are the negated input zero points; upstream uses left_shift 20. */
#ifndef ETB_CM_OP_QUANTIZED_ADD_H
#define ETB_CM_OP_QUANTIZED_ADD_H

#include "etb_cortex_m.h"
#include "etb/elementwise.h"

typedef struct etb_cm_add_params {
  int32_t input1_offset;
  int32_t input1_multiplier;
  int32_t input1_shift;
  int32_t input2_offset;
  int32_t input2_multiplier;
  int32_t input2_shift;
  int32_t left_shift;
  int32_t output_offset;
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t act_min;
  int32_t act_max;
} etb_cm_add_params;

/* Same-shape operands, `count` elements in memory order. */
ETB_NODISCARD etb_status etb_cm_add_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count,
                                       const etb_cm_add_params *params);

/* Broadcasting operands: plan operand 0 is the output, 1 and 2 the inputs. */
ETB_NODISCARD etb_status etb_cm_add_broadcast_s8(const int8_t *input1, const int8_t *input2, int8_t *output,
                                                 const etb_broadcast *plan, const etb_cm_add_params *params);

#endif
