/* aten::leaky_relu.out: x for x >= 0, x * negative_slope otherwise (NaN * slope stays NaN), for
 * float or double tensors; out has self's dtype. The slope is converted to that dtype at build
 * time. */
#ifndef ETB_OP_LEAKY_RELU_H
#define ETB_OP_LEAKY_RELU_H
#include "etb/unary.h"

#define ETB_DECLARE_LEAKY_RELU_OUT(KEY, IN_T, OUT_T, C_T)                                      \
  ETB_NODISCARD etb_status etb_op_leaky_relu_out_##KEY(const etb_tensor *self, C_T slope,      \
                                                       const etb_tensor *out,                  \
                                                       const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_leaky_relu_out
ETB_VARIANTS_etb_op_leaky_relu_out(ETB_DECLARE_LEAKY_RELU_OUT)
#endif

#endif
