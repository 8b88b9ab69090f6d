/* aten::exp.out */
#include "op_exp.h"

#define ETB_DEFINE_EXP_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_exp_out_##KEY, IN_T, OUT_T, C_T, ETB_LIBM(exp, x))
#ifdef ETB_VARIANTS_etb_op_exp_out
ETB_VARIANTS_etb_op_exp_out(ETB_DEFINE_EXP_OUT)
#endif
