/* aten::ones.out: every element of out set to 1. */
#ifndef ETB_OP_ONES_H
#define ETB_OP_ONES_H
#include "etb/copy.h"

#define ETB_DECLARE_ONES_OUT(KEY, T) ETB_DECLARE_FILL(etb_op_ones_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_ones_out
ETB_VARIANTS_etb_op_ones_out(ETB_DECLARE_ONES_OUT)
#endif

#endif
