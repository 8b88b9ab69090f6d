/* aten::zeros.out */
#include "op_zeros.h"

#define ETB_DEFINE_ZEROS_OUT(KEY, T) ETB_DEFINE_FILL(etb_op_zeros_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_zeros_out
ETB_VARIANTS_etb_op_zeros_out(ETB_DEFINE_ZEROS_OUT)
#endif
