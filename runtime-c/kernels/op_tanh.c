/* aten::tanh.out */
#include "op_tanh.h"

#define ETB_DEFINE_TANH_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_tanh_out_##KEY, IN_T, OUT_T, C_T, ETB_LIBM(tanh, x))
#ifdef ETB_VARIANTS_etb_op_tanh_out
ETB_VARIANTS_etb_op_tanh_out(ETB_DEFINE_TANH_OUT)
#endif
