/* aten::cos.out */
#include "op_cos.h"

#define ETB_DEFINE_COS_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_cos_out_##KEY, IN_T, OUT_T, C_T, ETB_LIBM(cos, x))
#ifdef ETB_VARIANTS_etb_op_cos_out
ETB_VARIANTS_etb_op_cos_out(ETB_DEFINE_COS_OUT)
#endif
