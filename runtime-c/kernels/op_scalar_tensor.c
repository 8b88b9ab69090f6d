/* aten::scalar_tensor.out */
#include "op_scalar_tensor.h"

#define ETB_DEFINE_SCALAR_TENSOR_OUT(KEY, T) ETB_DEFINE_FILL(etb_op_scalar_tensor_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_scalar_tensor_out
ETB_VARIANTS_etb_op_scalar_tensor_out(ETB_DEFINE_SCALAR_TENSOR_OUT)
#endif
