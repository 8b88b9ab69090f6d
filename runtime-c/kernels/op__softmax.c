/* aten::_softmax.out */
#include "op__softmax.h"

#define ETB_DEFINE__SOFTMAX_OUT(KEY, T, ACC_T)                                                 \
  etb_status etb_op__softmax_out_##KEY(const etb_tensor *self, const etb_tensor *out,          \
                                       int32_t outer, int32_t size, int32_t inner) {           \
    const T *in_ = (const T *)self->data;                                                      \
    T *out_ = (T *)out->data;                                                                  \
    for (int32_t block = 0; block < outer; block++) {                                          \
      for (int32_t lane = 0; lane < inner; lane++) {                                           \
        const T *x = in_ + (block * size * inner + lane);                                      \
        T *y = out_ + (block * size * inner + lane);                                           \
        T max = x[0];                                                                          \
        for (int32_t k = 1; k < size; k++) {                                                   \
          const T v = x[k * inner];                                                            \
          max = v < max ? max : v;                                                             \
        }                                                                                      \
        ACC_T sum = ETB_LIBM(exp, (ACC_T)x[0] - (ACC_T)max);                                   \
        for (int32_t k = 1; k < size; k++) sum += ETB_LIBM(exp, (ACC_T)x[k * inner] - (ACC_T)max); \
        for (int32_t k = 0; k < size; k++)                                                     \
          y[k * inner] = (T)(ETB_LIBM(exp, (ACC_T)x[k * inner] - (ACC_T)max) / sum);           \
      }                                                                                        \
    }                                                                                          \
    return ETB_OK;                                                                             \
  }
#ifdef ETB_VARIANTS_etb_op__softmax_out
ETB_VARIANTS_etb_op__softmax_out(ETB_DEFINE__SOFTMAX_OUT)
#endif
