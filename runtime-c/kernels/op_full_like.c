/* aten::full_like.out */
#include "op_full_like.h"

#define ETB_DEFINE_FULL_LIKE_OUT(KEY, T) ETB_DEFINE_FILL(etb_op_full_like_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_full_like_out
ETB_VARIANTS_etb_op_full_like_out(ETB_DEFINE_FULL_LIKE_OUT)
#endif
