/* aten::leaky_relu.out */
#include "op_leaky_relu.h"

#define ETB_DEFINE_LEAKY_RELU_OUT(KEY, IN_T, OUT_T, C_T)                                       \
  etb_status etb_op_leaky_relu_out_##KEY(const etb_tensor *self, C_T slope,                    \
                                         const etb_tensor *out, const etb_broadcast *plan) {   \
    const IN_T *in_ = (const IN_T *)self->data;                                                \
    OUT_T *out_ = (OUT_T *)out->data;                                                          \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                                       \
      const C_T x = (C_T)in_[off[1]];                                                          \
      out_[off[0]] = (OUT_T)(x >= (C_T)0 ? x : x * slope);                                     \
    });                                                                                        \
    return ETB_OK;                                                                             \
  }
#ifdef ETB_VARIANTS_etb_op_leaky_relu_out
ETB_VARIANTS_etb_op_leaky_relu_out(ETB_DEFINE_LEAKY_RELU_OUT)
#endif
