/* aten::split_with_sizes_copy.out: self cut along dim into chunks of split_sizes[k] elements, one
 * output each. One copy plan per output. */
#ifndef ETB_OP_SPLIT_WITH_SIZES_COPY_H
#define ETB_OP_SPLIT_WITH_SIZES_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_SPLIT_WITH_SIZES_COPY_OUT(KEY, SIZE) ETB_DECLARE_SPLIT_COPY_KERNEL(etb_op_split_with_sizes_copy_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_split_with_sizes_copy_out
ETB_VARIANTS_etb_op_split_with_sizes_copy_out(ETB_DECLARE_SPLIT_WITH_SIZES_COPY_OUT)
#endif

#endif
