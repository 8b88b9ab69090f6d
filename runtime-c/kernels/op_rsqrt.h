/* aten::rsqrt.out: 1 / sqrt(x) of every element. Any real or bool input; out is float or double.
 * Computed in float (in double only for a double input) and converted to out's dtype, as the
 * portable kernel does. */
#ifndef ETB_OP_RSQRT_H
#define ETB_OP_RSQRT_H
#include "etb/unary.h"

#define ETB_DECLARE_RSQRT_OUT(KEY, IN_T, OUT_T, C_T) ETB_DECLARE_UNARY_MAP(etb_op_rsqrt_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_rsqrt_out
ETB_VARIANTS_etb_op_rsqrt_out(ETB_DECLARE_RSQRT_OUT)
#endif

#endif
