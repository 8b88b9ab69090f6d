/* dim_order_ops::_to_dim_order_copy.out */
#include "op__to_dim_order_copy.h"

#define ETB_DEFINE__TO_DIM_ORDER_COPY_OUT(KEY, IN_T, OUT_T) ETB_DEFINE_CONVERT_COPY(etb_op__to_dim_order_copy_out_##KEY, IN_T, OUT_T)
#ifdef ETB_VARIANTS_etb_op__to_dim_order_copy_out
ETB_VARIANTS_etb_op__to_dim_order_copy_out(ETB_DEFINE__TO_DIM_ORDER_COPY_OUT)
#endif
