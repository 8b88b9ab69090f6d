/* aten::split_copy.Tensor_out (see op_split_copy.h). */
#include "op_split_copy.h"

#define ETB_DEFINE_SPLIT_COPY_TENSOR_OUT(KEY, SIZE) ETB_DEFINE_SPLIT_COPY_KERNEL(etb_op_split_copy_tensor_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_split_copy_tensor_out
ETB_VARIANTS_etb_op_split_copy_tensor_out(ETB_DEFINE_SPLIT_COPY_TENSOR_OUT)
#endif
