/* aten::neg.out: -x for every element; out has self's dtype. Integers wrap (the most negative value
 * maps to itself) without signed-overflow UB. */
#ifndef ETB_OP_NEG_H
#define ETB_OP_NEG_H
#include "etb/unary.h"

#define ETB_DECLARE_NEG_OUT(KEY, IN_T, OUT_T, C_T) ETB_DECLARE_UNARY_MAP(etb_op_neg_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_neg_out
ETB_VARIANTS_etb_op_neg_out(ETB_DECLARE_NEG_OUT)
#endif

#endif
