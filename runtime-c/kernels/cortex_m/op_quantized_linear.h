/* cortex_m::quantized_linear.out (CMSIS-NN arm_fully_connected_s8): input [batches, in_features],
 * weights [out_features, in_features], optional int32 bias, per-tensor requantization:
 *   acc = bias[n] + sum_k (in[k] + input_offset) * (w[n][k] + filter_offset)
 *   out = clamp(requantize(acc, multiplier, shift) + output_offset, act_min, act_max) */
#ifndef ETB_CM_OP_QUANTIZED_LINEAR_H
#define ETB_CM_OP_QUANTIZED_LINEAR_H

#include "etb_cortex_m.h"

typedef struct etb_cm_linear_params {
  int32_t batches;
  int32_t in_features;
  int32_t out_features;
  int32_t input_offset;
  int32_t filter_offset;
  int32_t output_offset;
  int32_t multiplier;
  int32_t shift;
  int32_t act_min, act_max;
} etb_cm_linear_params;

ETB_NODISCARD etb_status etb_cm_linear_s8(const etb_cm_linear_params *params, const int8_t *input,
                                          const int8_t *weights, const int32_t *bias, int8_t *output);

#endif
