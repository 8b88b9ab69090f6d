/* aten::unbind_copy.int_out (see op_unbind_copy.h). */
#include "op_unbind_copy.h"

#define ETB_DEFINE_UNBIND_COPY_INT_OUT(KEY, SIZE) ETB_DEFINE_SPLIT_COPY_KERNEL(etb_op_unbind_copy_int_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_unbind_copy_int_out
ETB_VARIANTS_etb_op_unbind_copy_int_out(ETB_DEFINE_UNBIND_COPY_INT_OUT)
#endif
