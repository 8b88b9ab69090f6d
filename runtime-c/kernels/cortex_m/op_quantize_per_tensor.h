/* cortex_m::quantize_per_tensor.out: float32 to int8 or int16,
 *   q = clamp(zero_point + round_half_even(x * (1.0f / (float)scale)), quant_min, quant_max)
 * in float32 arithmetic, as upstream's kernel computes it. */
#ifndef ETB_CM_OP_QUANTIZE_PER_TENSOR_H
#define ETB_CM_OP_QUANTIZE_PER_TENSOR_H

#include "etb_cortex_m.h"

/* `scale` is the program's Double scale converted to float. */
ETB_NODISCARD etb_status etb_cm_quantize_per_tensor_s8(const float *input, int8_t *output, int32_t count, float scale,
                                                       int32_t zero_point, int32_t quant_min, int32_t quant_max);
ETB_NODISCARD etb_status etb_cm_quantize_per_tensor_s16(const float *input, int16_t *output, int32_t count,
                                                        float scale, int32_t zero_point, int32_t quant_min,
                                                        int32_t quant_max);

#endif
