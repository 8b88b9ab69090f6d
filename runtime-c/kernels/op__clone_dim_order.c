/* dim_order_ops::_clone_dim_order.out */
#include "op__clone_dim_order.h"

#define ETB_DEFINE__CLONE_DIM_ORDER_OUT(KEY, IN_T, OUT_T) ETB_DEFINE_CONVERT_COPY(etb_op__clone_dim_order_out_##KEY, IN_T, OUT_T)
#ifdef ETB_VARIANTS_etb_op__clone_dim_order_out
ETB_VARIANTS_etb_op__clone_dim_order_out(ETB_DEFINE__CLONE_DIM_ORDER_OUT)
#endif
