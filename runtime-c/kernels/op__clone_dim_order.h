/* dim_order_ops::_clone_dim_order.out: a copy of self into out's dim order (e.g. NCHW to
 * channels-last), same dtype. The lowering calls etb_copy_bytes when both layouts agree. */
#ifndef ETB_OP__CLONE_DIM_ORDER_H
#define ETB_OP__CLONE_DIM_ORDER_H
#include "etb/copy.h"

#define ETB_DECLARE__CLONE_DIM_ORDER_OUT(KEY, IN_T, OUT_T) ETB_DECLARE_CONVERT_COPY(etb_op__clone_dim_order_out_##KEY)
#ifdef ETB_VARIANTS_etb_op__clone_dim_order_out
ETB_VARIANTS_etb_op__clone_dim_order_out(ETB_DECLARE__CLONE_DIM_ORDER_OUT)
#endif

#endif
