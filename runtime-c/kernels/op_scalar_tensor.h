/* aten::scalar_tensor.out: the 0-dim tensor out set to s (converted to out's dtype
 * at build time). */
#ifndef ETB_OP_SCALAR_TENSOR_H
#define ETB_OP_SCALAR_TENSOR_H
#include "etb/copy.h"

#define ETB_DECLARE_SCALAR_TENSOR_OUT(KEY, T) ETB_DECLARE_FILL(etb_op_scalar_tensor_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_scalar_tensor_out
ETB_VARIANTS_etb_op_scalar_tensor_out(ETB_DECLARE_SCALAR_TENSOR_OUT)
#endif

#endif
