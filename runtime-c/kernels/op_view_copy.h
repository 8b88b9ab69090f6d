/* aten::view_copy.out: self with a new shape. The lowering only calls it when self and out lay
 * their elements out in the same order, so the copy is the bytes as they are. */
#ifndef ETB_OP_VIEW_COPY_H
#define ETB_OP_VIEW_COPY_H
#include "etb/copy.h"

#if defined(ETB_USE_etb_op_view_copy_out)
ETB_NODISCARD etb_status etb_op_view_copy_out(const etb_tensor *self, const etb_tensor *out);
#endif

#endif
