/* aten::unbind_copy.int_out: out[k] = self selected at k along dim, for every k. One copy plan
 * per output. */
#ifndef ETB_OP_UNBIND_COPY_H
#define ETB_OP_UNBIND_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_UNBIND_COPY_INT_OUT(KEY, SIZE) ETB_DECLARE_SPLIT_COPY_KERNEL(etb_op_unbind_copy_int_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_unbind_copy_int_out
ETB_VARIANTS_etb_op_unbind_copy_int_out(ETB_DECLARE_UNBIND_COPY_INT_OUT)
#endif

#endif
