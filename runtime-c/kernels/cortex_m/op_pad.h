/* cortex_m::pad.out (CMSIS-NN arm_pad_s8): constant padding of an int8 tensor seen as four
 * dimensions in memory order (N, H, W, C for a channels-last tensor; otherwise the tensor's
 * dimensions right-aligned to four). pre_pad / post_pad are in the same order. */
#ifndef ETB_CM_OP_PAD_H
#define ETB_CM_OP_PAD_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_pad_s8(const int8_t *input, int8_t *output, const int32_t input_sizes[4],
                                       const int32_t pre_pad[4], const int32_t post_pad[4], int8_t pad_value);

#endif
