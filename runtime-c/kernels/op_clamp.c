/* aten::clamp.out, aten::clamp.Tensor_out */
#include "op_clamp.h"

#define ETB_DEFINE_CLAMP_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_CLAMP_SCALAR(etb_op_clamp_out_##KEY, IN_T, OUT_T, C_T)
#ifdef ETB_VARIANTS_etb_op_clamp_out
ETB_VARIANTS_etb_op_clamp_out(ETB_DEFINE_CLAMP_OUT)
#endif

/* Plan operands: 0 out, 1 self, 2 min, 3 max. */
#define ETB_DEFINE_CLAMP_TENSOR_OUT(KEY, IN_T, MIN_T, MAX_T, OUT_T, C_T)                       \
  etb_status etb_op_clamp_tensor_out_##KEY(                                                    \
      const etb_tensor *self, const etb_tensor *min, const etb_tensor *max, bool has_min,      \
      bool has_max, const etb_tensor *out, const etb_broadcast *plan) {                        \
    const IN_T *in_ = (const IN_T *)self->data;                                                \
    const MIN_T *lo_ = (const MIN_T *)min->data;                                               \
    const MAX_T *hi_ = (const MAX_T *)max->data;                                               \
    OUT_T *out_ = (OUT_T *)out->data;                                                          \
    ETB_FOR_EACH_ELEMENT(plan, 4, off, {                                                       \
      C_T value = (C_T)in_[off[1]];                                                            \
      if (has_min) {                                                                           \
        const C_T lo = (C_T)lo_[off[2]];                                                       \
        value = ETB_NAN_MAX(value, lo);                                                        \
      }                                                                                        \
      if (has_max) {                                                                           \
        const C_T hi = (C_T)hi_[off[3]];                                                       \
        value = ETB_NAN_MIN(value, hi);                                                        \
      }                                                                                        \
      out_[off[0]] = (OUT_T)value;                                                             \
    });                                                                                        \
    return ETB_OK;                                                                             \
  }
#ifdef ETB_VARIANTS_etb_op_clamp_tensor_out
ETB_VARIANTS_etb_op_clamp_tensor_out(ETB_DEFINE_CLAMP_TENSOR_OUT)
#endif
