/* aten::rsqrt.out */
#include "op_rsqrt.h"

#define ETB_DEFINE_RSQRT_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_rsqrt_out_##KEY, IN_T, OUT_T, C_T, (C_T)1 / ETB_LIBM(sqrt, x))
#ifdef ETB_VARIANTS_etb_op_rsqrt_out
ETB_VARIANTS_etb_op_rsqrt_out(ETB_DEFINE_RSQRT_OUT)
#endif
