/* aten::amin.out: the minimum over a list of dimensions (all of them when the list is empty). */
#ifndef ETB_OP_AMIN_H
#define ETB_OP_AMIN_H
#include "etb/kernel.h"
#include "etb/reduce.h"

#define ETB_DECLARE_AMIN_OUT(KEY, T)                                                       \
  ETB_NODISCARD etb_status etb_op_amin_out_##KEY(const etb_tensor *self, const etb_tensor *out, \
                                                 const etb_reduce_plan *plan);
#ifdef ETB_VARIANTS_etb_op_amin_out
ETB_VARIANTS_etb_op_amin_out(ETB_DECLARE_AMIN_OUT)
#endif

#endif
