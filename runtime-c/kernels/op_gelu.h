/* aten::gelu.out for float or double tensors (out has self's dtype), one function per value of
 * `approximate`:
 *   none: x/2 * (1 + erf(x / sqrt(2)))
 *   tanh: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))
 * -inf gives 0 and +inf gives +inf in both, as in the portable kernel. */
#ifndef ETB_OP_GELU_H
#define ETB_OP_GELU_H
#include "etb/unary.h"

#define ETB_DECLARE_GELU_NONE_OUT(KEY, IN_T, OUT_T, C_T) ETB_DECLARE_UNARY_MAP(etb_op_gelu_out_none_##KEY)
#ifdef ETB_VARIANTS_etb_op_gelu_out_none
ETB_VARIANTS_etb_op_gelu_out_none(ETB_DECLARE_GELU_NONE_OUT)
#endif

#define ETB_DECLARE_GELU_TANH_OUT(KEY, IN_T, OUT_T, C_T) ETB_DECLARE_UNARY_MAP(etb_op_gelu_out_tanh_##KEY)
#ifdef ETB_VARIANTS_etb_op_gelu_out_tanh
ETB_VARIANTS_etb_op_gelu_out_tanh(ETB_DECLARE_GELU_TANH_OUT)
#endif

#endif
