/* aten::relu.out: max(x, 0) for every element; out has self's dtype. NaN stays NaN and -0.0 stays
 * -0.0, as in the portable kernel. */
#ifndef ETB_OP_RELU_H
#define ETB_OP_RELU_H
#include "etb/unary.h"

#define ETB_DECLARE_RELU_OUT(KEY, IN_T, OUT_T, C_T) ETB_DECLARE_UNARY_MAP(etb_op_relu_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_relu_out
ETB_VARIANTS_etb_op_relu_out(ETB_DECLARE_RELU_OUT)
#endif

#endif
