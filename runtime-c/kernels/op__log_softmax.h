/* aten::_log_softmax.out: (x - max) - log(sum(exp(x - max))) along one dimension of a float or
 * double tensor (out has self's dtype and layout). The dimension is described as for _softmax
 * (outer blocks, size elements inner apart, inner lanes); the maximum and the sum are formed in
 * the portable kernel's order. */
#ifndef ETB_OP__LOG_SOFTMAX_H
#define ETB_OP__LOG_SOFTMAX_H
#include "etb/unary.h"

#define ETB_DECLARE__LOG_SOFTMAX_OUT(KEY, T, ACC_T)                                            \
  ETB_NODISCARD etb_status etb_op__log_softmax_out_##KEY(const etb_tensor *self,               \
                                                         const etb_tensor *out, int32_t outer, \
                                                         int32_t size, int32_t inner);
#ifdef ETB_VARIANTS_etb_op__log_softmax_out
ETB_VARIANTS_etb_op__log_softmax_out(ETB_DECLARE__LOG_SOFTMAX_OUT)
#endif

#endif
