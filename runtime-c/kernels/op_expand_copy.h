/* aten::expand_copy.out: self broadcast to `size` (-1 keeps a dimension, new dimensions lead).
 * The plan reads self with stride 0 along the expanded dimensions. */
#ifndef ETB_OP_EXPAND_COPY_H
#define ETB_OP_EXPAND_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_EXPAND_COPY_OUT(KEY, SIZE) ETB_DECLARE_STRIDED_COPY_KERNEL(etb_op_expand_copy_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_expand_copy_out
ETB_VARIANTS_etb_op_expand_copy_out(ETB_DECLARE_EXPAND_COPY_OUT)
#endif

#endif
