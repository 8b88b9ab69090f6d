/* aten::argmax.out. The plan reduces one dimension (ndim 1). As in the portable kernel, the
 * first element leads; a later one takes over when the leader is not NaN and the newcomer is not
 * <= it (so the first NaN wins, and ties keep the earliest index). */
#include "op_argmax.h"

#define ETB_DEFINE_ARGMAX_OUT(KEY, T)                                                      \
  static int64_t etb_argmax_of_##KEY(const T *in, int32_t n, int32_t step) {               \
    T best = in[0];                                                                        \
    int64_t best_index = 0;                                                                \
    for (int32_t k = 1; k < n; k++) {                                                      \
      const T v = in[k * step];                                                            \
      if (!ETB_ISNAN(best) && !(v <= best)) {                                              \
        best = v;                                                                          \
        best_index = k;                                                                    \
      }                                                                                    \
    }                                                                                      \
    return best_index;                                                                     \
  }                                                                                        \
  etb_status etb_op_argmax_out_##KEY(const etb_tensor *self, const etb_tensor *out,        \
                                     const etb_reduce_plan *plan) {                        \
    const T *in = (const T *)self->data;                                                   \
    int64_t *o = (int64_t *)out->data;                                                     \
    ETB_FOR_EACH_ELEMENT(plan->kept, 2, off, {                                             \
      o[off[0]] = etb_argmax_of_##KEY(in + off[1], plan->sizes[0], plan->strides[0]);      \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_argmax_out
ETB_VARIANTS_etb_op_argmax_out(ETB_DEFINE_ARGMAX_OUT)
#endif
