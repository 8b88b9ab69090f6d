/* aten::select_copy.int_out: self[..., index, ...] along dim (a negative index counts from the
 * end), which drops that dimension. The plan starts at `index` and skips dim. */
#ifndef ETB_OP_SELECT_COPY_H
#define ETB_OP_SELECT_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_SELECT_COPY_INT_OUT(KEY, SIZE) ETB_DECLARE_STRIDED_COPY_KERNEL(etb_op_select_copy_int_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_select_copy_int_out
ETB_VARIANTS_etb_op_select_copy_int_out(ETB_DECLARE_SELECT_COPY_INT_OUT)
#endif

#endif
