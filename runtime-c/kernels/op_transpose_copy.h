/* aten::transpose_copy.int_out: out = self with dimensions dim0 and dim1 swapped. The plan reads
 * self along the swapped strides. */
#ifndef ETB_OP_TRANSPOSE_COPY_H
#define ETB_OP_TRANSPOSE_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_TRANSPOSE_COPY_INT_OUT(KEY, SIZE) ETB_DECLARE_STRIDED_COPY_KERNEL(etb_op_transpose_copy_int_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_transpose_copy_int_out
ETB_VARIANTS_etb_op_transpose_copy_int_out(ETB_DECLARE_TRANSPOSE_COPY_INT_OUT)
#endif

#endif
