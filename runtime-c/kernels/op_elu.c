/* aten::elu.out */
#include "op_elu.h"

#define ETB_DEFINE_ELU_OUT(KEY, IN_T, OUT_T, C_T)                                              \
  etb_status etb_op_elu_out_##KEY(const etb_tensor *self, C_T negcoef, C_T scale,              \
                                  C_T input_scale, const etb_tensor *out,                      \
                                  const etb_broadcast *plan) {                                 \
    const IN_T *in_ = (const IN_T *)self->data;                                                \
    OUT_T *out_ = (OUT_T *)out->data;                                                          \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                                       \
      const C_T x = (C_T)in_[off[1]];                                                          \
      const C_T scaled = x * input_scale;                                                      \
      out_[off[0]] = (OUT_T)(x <= (C_T)0 ? ETB_LIBM(expm1, scaled) * negcoef : x * scale);    \
    });                                                                                        \
    return ETB_OK;                                                                             \
  }
#ifdef ETB_VARIANTS_etb_op_elu_out
ETB_VARIANTS_etb_op_elu_out(ETB_DEFINE_ELU_OUT)
#endif
