/* aten::sin.out */
#include "op_sin.h"

#define ETB_DEFINE_SIN_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_sin_out_##KEY, IN_T, OUT_T, C_T, ETB_LIBM(sin, x))
#ifdef ETB_VARIANTS_etb_op_sin_out
ETB_VARIANTS_etb_op_sin_out(ETB_DEFINE_SIN_OUT)
#endif
