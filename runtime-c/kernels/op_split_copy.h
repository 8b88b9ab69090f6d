/* aten::split_copy.Tensor_out: self cut along dim into chunks of split_size elements (the last
 * one shorter), one output each. One copy plan per output. */
#ifndef ETB_OP_SPLIT_COPY_H
#define ETB_OP_SPLIT_COPY_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_SPLIT_COPY_TENSOR_OUT(KEY, SIZE) ETB_DECLARE_SPLIT_COPY_KERNEL(etb_op_split_copy_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_split_copy_tensor_out
ETB_VARIANTS_etb_op_split_copy_tensor_out(ETB_DECLARE_SPLIT_COPY_TENSOR_OUT)
#endif

#endif
