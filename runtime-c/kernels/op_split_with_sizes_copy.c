/* aten::split_with_sizes_copy.out (see op_split_with_sizes_copy.h). */
#include "op_split_with_sizes_copy.h"

#define ETB_DEFINE_SPLIT_WITH_SIZES_COPY_OUT(KEY, SIZE) ETB_DEFINE_SPLIT_COPY_KERNEL(etb_op_split_with_sizes_copy_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_split_with_sizes_copy_out
ETB_VARIANTS_etb_op_split_with_sizes_copy_out(ETB_DEFINE_SPLIT_WITH_SIZES_COPY_OUT)
#endif
