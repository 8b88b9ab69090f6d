/* dim_order_ops::_to_dim_order_copy.out: self converted to out's dtype and dim order
 * (the dtype conversion of exported programs: int64 to float, float to int32 truncating toward
 * zero, ...). The lowering calls etb_copy_bytes when neither changes. */
#ifndef ETB_OP__TO_DIM_ORDER_COPY_H
#define ETB_OP__TO_DIM_ORDER_COPY_H
#include "etb/copy.h"

#define ETB_DECLARE__TO_DIM_ORDER_COPY_OUT(KEY, IN_T, OUT_T) ETB_DECLARE_CONVERT_COPY(etb_op__to_dim_order_copy_out_##KEY)
#ifdef ETB_VARIANTS_etb_op__to_dim_order_copy_out
ETB_VARIANTS_etb_op__to_dim_order_copy_out(ETB_DECLARE__TO_DIM_ORDER_COPY_OUT)
#endif

#endif
