/* cortex_m::maximum.out: the elementwise maximum of two int8 tensors, with broadcasting. */
#ifndef ETB_CM_OP_MAXIMUM_H
#define ETB_CM_OP_MAXIMUM_H

#include "etb_cortex_m.h"
#include "etb/elementwise.h"

/* Same-shape operands, `count` elements in memory order. */
ETB_NODISCARD etb_status etb_cm_maximum_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count);

/* Broadcasting operands: plan operand 0 is the output, 1 and 2 the inputs. */
ETB_NODISCARD etb_status etb_cm_maximum_broadcast_s8(const int8_t *input1, const int8_t *input2, int8_t *output,
                                                     const etb_broadcast *plan);

#endif
