/* cortex_m::transpose.out (CMSIS-NN arm_transpose_s8): permutes the dimensions of an int8 tensor
 * of rank <= 4. Computed at build time: the output's sizes (padded with leading 1s to four) and,
 * for each output dimension, the element stride of the input dimension it comes from. */
#ifndef ETB_CM_OP_TRANSPOSE_H
#define ETB_CM_OP_TRANSPOSE_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_transpose_s8(const int8_t *input, int8_t *output, const int32_t output_sizes[4],
                                             const int32_t input_strides[4]);

#endif
