/* aten::full_like.out: every element of out set to fill_value (converted to out's
 * dtype at build time). */
#ifndef ETB_OP_FULL_LIKE_H
#define ETB_OP_FULL_LIKE_H
#include "etb/copy.h"

#define ETB_DECLARE_FULL_LIKE_OUT(KEY, T) ETB_DECLARE_FILL(etb_op_full_like_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_full_like_out
ETB_VARIANTS_etb_op_full_like_out(ETB_DECLARE_FULL_LIKE_OUT)
#endif

#endif
