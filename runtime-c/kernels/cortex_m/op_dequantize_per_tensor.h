/* cortex_m::dequantize_per_tensor.out: int8 or int16 to float32, x = (float)(q - zero_point) * scale
 * in float32 arithmetic. */
#ifndef ETB_CM_OP_DEQUANTIZE_PER_TENSOR_H
#define ETB_CM_OP_DEQUANTIZE_PER_TENSOR_H

#include "etb_cortex_m.h"

/* `scale` is the program's Double scale converted to float. */
ETB_NODISCARD etb_status etb_cm_dequantize_per_tensor_s8(const int8_t *input, float *output, int32_t count,
                                                         float scale, int32_t zero_point);
ETB_NODISCARD etb_status etb_cm_dequantize_per_tensor_s16(const int16_t *input, float *output, int32_t count,
                                                          float scale, int32_t zero_point);

#endif
