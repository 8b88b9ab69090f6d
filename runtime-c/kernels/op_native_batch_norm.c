/* aten::_native_batch_norm_legit_no_training.out: out = (x - mean) * invstd * weight + bias, in
 * the tensor's dtype, left to right as the portable kernel does. invstd = 1 / sqrt(var + eps) is
 * formed in double (eps is a double), as there, and only then rounded to the dtype. */
#include "op_native_batch_norm.h"

#define ETB_DEFINE_NATIVE_BATCH_NORM_LEGIT_NO_TRAINING_OUT(KEY, T)                         \
  etb_status etb_op_native_batch_norm_legit_no_training_out_##KEY(                         \
      const etb_tensor *input, const etb_tensor *weight, const etb_tensor *bias,           \
      const etb_tensor *running_mean, const etb_tensor *running_var, double eps,           \
      const etb_tensor *out, int32_t outer, int32_t channels, int32_t inner) {             \
    const T *x = (const T *)input->data;                                                   \
    T *o = (T *)out->data;                                                                 \
    const T *mean = (const T *)running_mean->data;                                         \
    const T *var = (const T *)running_var->data;                                           \
    for (int32_t i = 0; i < outer; i++) {                                                  \
      for (int32_t c = 0; c < channels; c++) {                                             \
        const T invstd = (T)(1.0 / sqrt((double)var[c] + eps));                            \
        const T w = weight ? ((const T *)weight->data)[c] : (T)1;                          \
        const T b = bias ? ((const T *)bias->data)[c] : (T)0;                              \
        const T m = mean[c];                                                               \
        for (int32_t j = 0; j < inner; j++, x++, o++) *o = (*x - m) * invstd * w + b;      \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_native_batch_norm_legit_no_training_out
ETB_VARIANTS_etb_op_native_batch_norm_legit_no_training_out(ETB_DEFINE_NATIVE_BATCH_NORM_LEGIT_NO_TRAINING_OUT)
#endif
