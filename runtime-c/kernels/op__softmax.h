/* aten::_softmax.out: exp(x - max) / sum(exp(x - max)) along one dimension of a float or double
 * tensor (out has self's dtype and layout).
 *
 * The lowering describes the dimension by three numbers, from the memory layout: `size` elements
 * `inner` apart (the dimension's stride), `inner` such lanes side by side, and `outer` blocks of
 * size * inner elements. Per lane, as the portable kernel: the maximum (std::max order), a sum of
 * exponentials accumulated in order from the first element, then each exponential recomputed and
 * divided by the sum. */
#ifndef ETB_OP__SOFTMAX_H
#define ETB_OP__SOFTMAX_H
#include "etb/unary.h"

#define ETB_DECLARE__SOFTMAX_OUT(KEY, T, ACC_T)                                                \
  ETB_NODISCARD etb_status etb_op__softmax_out_##KEY(const etb_tensor *self,                   \
                                                     const etb_tensor *out, int32_t outer,     \
                                                     int32_t size, int32_t inner);
#ifdef ETB_VARIANTS_etb_op__softmax_out
ETB_VARIANTS_etb_op__softmax_out(ETB_DECLARE__SOFTMAX_OUT)
#endif

#endif
