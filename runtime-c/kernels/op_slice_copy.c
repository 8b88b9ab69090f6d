/* aten::slice_copy.Tensor_out (see op_slice_copy.h). */
#include "op_slice_copy.h"

#define ETB_DEFINE_SLICE_COPY_TENSOR_OUT(KEY, SIZE) ETB_DEFINE_STRIDED_COPY_KERNEL(etb_op_slice_copy_tensor_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_slice_copy_tensor_out
ETB_VARIANTS_etb_op_slice_copy_tensor_out(ETB_DEFINE_SLICE_COPY_TENSOR_OUT)
#endif
