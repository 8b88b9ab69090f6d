/* aten::div.out, div.out_mode, div.Scalar_out, div.Scalar_mode_out. */
#include "op_div.h"

#define ETB_DEFINE_DIV_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_div_out_##KEY, A_T, B_T, OUT_T, C_T, 0, x / y)
#ifdef ETB_VARIANTS_etb_op_div_out
ETB_VARIANTS_etb_op_div_out(ETB_DEFINE_DIV_OUT)
#endif

#define ETB_DEFINE_DIV_TRUNC_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_div_trunc_out_##KEY, A_T, B_T, OUT_T, C_T, \
                           ETB_IS_INTEGER(x) && y == 0, ETB_TRUNC_DIV(x, y))
#ifdef ETB_VARIANTS_etb_op_div_trunc_out
ETB_VARIANTS_etb_op_div_trunc_out(ETB_DEFINE_DIV_TRUNC_OUT)
#endif

#define ETB_DEFINE_DIV_FLOOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_div_floor_out_##KEY, A_T, B_T, OUT_T, C_T, \
                           ETB_IS_INTEGER(x) && y == 0, ETB_FLOOR_DIV(x, y))
#ifdef ETB_VARIANTS_etb_op_div_floor_out
ETB_VARIANTS_etb_op_div_floor_out(ETB_DEFINE_DIV_FLOOR_OUT)
#endif

#define ETB_DEFINE_DIV_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_div_scalar_out_##KEY, A_T, OUT_T, C_T, 0, x / y)
#ifdef ETB_VARIANTS_etb_op_div_scalar_out
ETB_VARIANTS_etb_op_div_scalar_out(ETB_DEFINE_DIV_SCALAR_OUT)
#endif

#define ETB_DEFINE_DIV_SCALAR_TRUNC_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_div_scalar_trunc_out_##KEY, A_T, OUT_T, C_T, \
                                  ETB_IS_INTEGER(x) && y == 0, ETB_TRUNC_DIV(x, y))
#ifdef ETB_VARIANTS_etb_op_div_scalar_trunc_out
ETB_VARIANTS_etb_op_div_scalar_trunc_out(ETB_DEFINE_DIV_SCALAR_TRUNC_OUT)
#endif

#define ETB_DEFINE_DIV_SCALAR_FLOOR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_div_scalar_floor_out_##KEY, A_T, OUT_T, C_T, \
                                  ETB_IS_INTEGER(x) && y == 0, ETB_FLOOR_DIV(x, y))
#ifdef ETB_VARIANTS_etb_op_div_scalar_floor_out
ETB_VARIANTS_etb_op_div_scalar_floor_out(ETB_DEFINE_DIV_SCALAR_FLOOR_OUT)
#endif
