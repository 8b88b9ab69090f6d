/* cortex_m::softmax.out (CMSIS-NN arm_softmax_s8) over the last dimension of an int8 tensor, in
 * CMSIS-NN's fixed-point arithmetic: differences to the row maximum scaled by input_multiplier /
 * input_shift into Q5.26, exp in Q0.31, sums in Q12.19, output scale 1/256 with zero point -128.
 * Differences below diff_min give -128. The input zero point cancels out and is not used. */
#ifndef ETB_CM_OP_SOFTMAX_H
#define ETB_CM_OP_SOFTMAX_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_softmax_s8(const int8_t *input, int8_t *output, int32_t rows, int32_t row_size,
                                           int32_t input_multiplier, int32_t input_shift, int32_t diff_min);

#endif
