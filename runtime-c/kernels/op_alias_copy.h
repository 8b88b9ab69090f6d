/* aten::alias_copy.out: a copy of self (same dtype and shape) laid out by out's dim order. The lowering calls
 * etb_copy_bytes when both layouts agree; this kernel only serves a layout change. */
#ifndef ETB_OP_ALIAS_COPY_H
#define ETB_OP_ALIAS_COPY_H
#include "etb/copy.h"

#define ETB_DECLARE_ALIAS_COPY_OUT(KEY, IN_T, OUT_T) ETB_DECLARE_CONVERT_COPY(etb_op_alias_copy_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_alias_copy_out
ETB_VARIANTS_etb_op_alias_copy_out(ETB_DECLARE_ALIAS_COPY_OUT)
#endif

#endif
