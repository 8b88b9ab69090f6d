/* aten::unsqueeze_copy.out: self with a dimension of size 1 inserted at dim. That keeps the element
 * order, so the copy is the bytes as they are (the lowering checks that both layouts agree). */
#ifndef ETB_OP_UNSQUEEZE_COPY_H
#define ETB_OP_UNSQUEEZE_COPY_H
#include "etb/copy.h"

#if defined(ETB_USE_etb_op_unsqueeze_copy_out)
ETB_NODISCARD etb_status etb_op_unsqueeze_copy_out(const etb_tensor *self, const etb_tensor *out);
#endif

#endif
