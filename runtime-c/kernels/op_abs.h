/* aten::abs.out: |x| for every element; out has self's dtype. As in the portable kernel, -0.0 stays -0.0
 * (only values below zero are negated) and the most negative integer maps to itself. */
#ifndef ETB_OP_ABS_H
#define ETB_OP_ABS_H
#include "etb/unary.h"

#define ETB_DECLARE_ABS_OUT(KEY, IN_T, OUT_T, C_T) ETB_DECLARE_UNARY_MAP(etb_op_abs_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_abs_out
ETB_VARIANTS_etb_op_abs_out(ETB_DECLARE_ABS_OUT)
#endif

#endif
