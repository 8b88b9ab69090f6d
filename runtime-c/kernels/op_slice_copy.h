/* aten::slice_copy.Tensor_out: self[start:end:step] along dim, with Python's rules for negative
 * and out-of-range bounds (resolved at build time). The plan starts at `start` and multiplies
 * the stride of dim by `step`. */
#ifndef ETB_OP_SLICE_COPY_H
#define ETB_OP_SLICE_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_SLICE_COPY_TENSOR_OUT(KEY, SIZE) ETB_DECLARE_STRIDED_COPY_KERNEL(etb_op_slice_copy_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_slice_copy_tensor_out
ETB_VARIANTS_etb_op_slice_copy_tensor_out(ETB_DECLARE_SLICE_COPY_TENSOR_OUT)
#endif

#endif
