/* aten::sigmoid.out */
#include "op_sigmoid.h"

#define ETB_DEFINE_SIGMOID_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_sigmoid_out_##KEY, IN_T, OUT_T, C_T, (C_T)1 / ((C_T)1 + ETB_LIBM(exp, -x)))
#ifdef ETB_VARIANTS_etb_op_sigmoid_out
ETB_VARIANTS_etb_op_sigmoid_out(ETB_DEFINE_SIGMOID_OUT)
#endif
