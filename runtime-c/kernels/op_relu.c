/* aten::relu.out */
#include "op_relu.h"

#define ETB_DEFINE_RELU_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_relu_out_##KEY, IN_T, OUT_T, C_T, ETB_BELOW_ZERO(x) ? (C_T)0 : x)
#ifdef ETB_VARIANTS_etb_op_relu_out
ETB_VARIANTS_etb_op_relu_out(ETB_DEFINE_RELU_OUT)
#endif
