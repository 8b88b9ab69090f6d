/* aten::squeeze_copy.dim_out and .dims_out: self without the listed dimensions of size 1. Dropping
 * size-1 dimensions keeps the element order, so the copy is the bytes as they are (the lowering
 * checks that both layouts agree). */
#ifndef ETB_OP_SQUEEZE_COPY_H
#define ETB_OP_SQUEEZE_COPY_H
#include "etb/copy.h"

#if defined(ETB_USE_etb_op_squeeze_copy_dim_out)
ETB_NODISCARD etb_status etb_op_squeeze_copy_dim_out(const etb_tensor *self, const etb_tensor *out);
#endif

#if defined(ETB_USE_etb_op_squeeze_copy_dims_out)
ETB_NODISCARD etb_status etb_op_squeeze_copy_dims_out(const etb_tensor *self, const etb_tensor *out);
#endif

#endif
