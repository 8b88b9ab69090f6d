/* aten::sqrt.out */
#include "op_sqrt.h"

#define ETB_DEFINE_SQRT_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_sqrt_out_##KEY, IN_T, OUT_T, C_T, ETB_LIBM(sqrt, x))
#ifdef ETB_VARIANTS_etb_op_sqrt_out
ETB_VARIANTS_etb_op_sqrt_out(ETB_DEFINE_SQRT_OUT)
#endif
