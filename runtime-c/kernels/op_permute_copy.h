/* aten::permute_copy.out: out = self with its dimensions reordered, out.size(i) = self.size(dims[i]).
 * The plan reads self along the permuted strides. */
#ifndef ETB_OP_PERMUTE_COPY_H
#define ETB_OP_PERMUTE_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_PERMUTE_COPY_OUT(KEY, SIZE) ETB_DECLARE_STRIDED_COPY_KERNEL(etb_op_permute_copy_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_permute_copy_out
ETB_VARIANTS_etb_op_permute_copy_out(ETB_DECLARE_PERMUTE_COPY_OUT)
#endif

#endif
