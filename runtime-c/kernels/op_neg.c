/* aten::neg.out */
#include "op_neg.h"

#define ETB_DEFINE_NEG_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_neg_out_##KEY, IN_T, OUT_T, C_T, ETB_WRAP_NEGATE(x))
#ifdef ETB_VARIANTS_etb_op_neg_out
ETB_VARIANTS_etb_op_neg_out(ETB_DEFINE_NEG_OUT)
#endif
