/* aten::clone.out: a copy of self (same dtype and shape) laid out by out's dim order. The
 * lowering calls etb_copy_bytes when both layouts agree; this kernel only serves a layout change. */
#ifndef ETB_OP_CLONE_H
#define ETB_OP_CLONE_H
#include "etb/copy.h"

#define ETB_DECLARE_CLONE_OUT(KEY, IN_T, OUT_T) ETB_DECLARE_CONVERT_COPY(etb_op_clone_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_clone_out
ETB_VARIANTS_etb_op_clone_out(ETB_DECLARE_CLONE_OUT)
#endif

#endif
