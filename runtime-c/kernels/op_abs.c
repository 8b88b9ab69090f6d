/* aten::abs.out */
#include "op_abs.h"

#define ETB_DEFINE_ABS_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_abs_out_##KEY, IN_T, OUT_T, C_T, ETB_BELOW_ZERO(x) ? ETB_WRAP_NEGATE(x) : x)
#ifdef ETB_VARIANTS_etb_op_abs_out
ETB_VARIANTS_etb_op_abs_out(ETB_DEFINE_ABS_OUT)
#endif
