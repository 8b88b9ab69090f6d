/* aten::zeros.out: every element of out set to 0. */
#ifndef ETB_OP_ZEROS_H
#define ETB_OP_ZEROS_H
#include "etb/copy.h"

#define ETB_DECLARE_ZEROS_OUT(KEY, T) ETB_DECLARE_FILL(etb_op_zeros_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_zeros_out
ETB_VARIANTS_etb_op_zeros_out(ETB_DECLARE_ZEROS_OUT)
#endif

#endif
