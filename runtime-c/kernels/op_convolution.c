/* aten::convolution.out. Both forms add the products for one output in the portable kernel's
 * order, so float results are bit-identical to it: a plain convolution sums over input channel,
 * kernel row, kernel column (skipping taps in the padding), then adds the bias; a transposed one
 * starts every output at its bias and scatters input row by input row. */
#include "op_convolution.h"

/* Output channel by output channel; each output is one dot product over the taps that the
 * build-time row and column tables say lie inside the input. The plan's fields are copied to
 * locals so that the compiler keeps them in registers even when T stores could alias them. */
#define ETB_DEFINE_CONVOLUTION_OUT(KEY, T, ACC_T, BIAS_T)                                  \
  etb_status etb_op_convolution_out_##KEY(const etb_tensor *input, const etb_tensor *weight, \
                                          const etb_tensor *bias, const etb_tensor *out,   \
                                          const etb_conv2d_plan *plan) {                   \
    const int32_t is_n = plan->in_strides[0], is_c = plan->in_strides[1];                  \
    const int32_t is_h = plan->in_strides[2], is_w = plan->in_strides[3];                  \
    const int32_t ws_o = plan->weight_strides[0], ws_i = plan->weight_strides[1];          \
    const int32_t ws_h = plan->weight_strides[2], ws_w = plan->weight_strides[3];          \
    const int32_t os_n = plan->out_strides[0], os_c = plan->out_strides[1];                \
    const int32_t os_h = plan->out_strides[2], os_w = plan->out_strides[3];                \
    const int32_t in_channels = plan->in_channels, out_channels = plan->out_channels;      \
    const int32_t out_h = plan->out_h, out_w = plan->out_w;                                \
    const int32_t stride_h = plan->stride_h, stride_w = plan->stride_w;                    \
    const int32_t padding_h = plan->padding_h, padding_w = plan->padding_w;                \
    const int32_t dilation_h = plan->dilation_h, dilation_w = plan->dilation_w;            \
    const int32_t *rows = plan->rows, *cols = plan->cols;                                  \
    const BIAS_T *bias_data = bias ? (const BIAS_T *)bias->data : NULL;                    \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t g = 0; g < plan->groups; g++) {                                         \
        const T *in_group = (const T *)input->data + n * is_n + g * in_channels * is_c;    \
        for (int32_t oc = g * out_channels; oc < (g + 1) * out_channels; oc++) {           \
          const T *w_oc = (const T *)weight->data + oc * ws_o;                             \
          T *out_c = (T *)out->data + n * os_n + oc * os_c;                                \
          for (int32_t oy = 0; oy < out_h; oy++) {                                         \
            const int32_t ky_begin = rows[2 * oy], ky_end = rows[2 * oy + 1];              \
            const int32_t iy0 = oy * stride_h - padding_h;                                 \
            for (int32_t ox = 0; ox < out_w; ox++) {                                       \
              const int32_t kx_begin = cols[2 * ox], kx_end = cols[2 * ox + 1];            \
              const int32_t ix0 = ox * stride_w - padding_w;                               \
              ACC_T acc = 0;                                                               \
              for (int32_t ic = 0; ic < in_channels; ic++) {                               \
                const T *in_c = in_group + ic * is_c;                                      \
                const T *w_c = w_oc + ic * ws_i;                                           \
                for (int32_t ky = ky_begin; ky < ky_end; ky++) {                           \
                  const T *in_row = in_c + (iy0 + ky * dilation_h) * is_h;                 \
                  const T *w_row = w_c + ky * ws_h;                                        \
                  for (int32_t kx = kx_begin; kx < kx_end; kx++) {                         \
                    acc += (ACC_T)in_row[(ix0 + kx * dilation_w) * is_w] * (ACC_T)w_row[kx * ws_w]; \
                  }                                                                        \
                }                                                                          \
              }                                                                            \
              if (bias_data) acc += (ACC_T)(T)bias_data[oc];                               \
              out_c[oy * os_h + ox * os_w] = (T)acc;                                       \
            }                                                                              \
          }                                                                                \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_convolution_out
ETB_VARIANTS_etb_op_convolution_out(ETB_DEFINE_CONVOLUTION_OUT)
#endif

/* Every input element scatters its products into the outputs its taps reach; `rows` and `cols`
 * hold, per input row and column, the taps whose output lies inside the output. */
#define ETB_DEFINE_CONVOLUTION_TRANSPOSED_OUT(KEY, T, ACC_T, BIAS_T)                       \
  etb_status etb_op_convolution_transposed_out_##KEY(                                      \
      const etb_tensor *input, const etb_tensor *weight, const etb_tensor *bias,           \
      const etb_tensor *out, const etb_conv2d_plan *plan) {                                \
    const int32_t *is = plan->in_strides;                                                  \
    const int32_t *ws = plan->weight_strides;                                              \
    const int32_t *os = plan->out_strides;                                                 \
    const int32_t out_channels = plan->groups * plan->out_channels;                        \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t oc = 0; oc < out_channels; oc++) {                                      \
        const T start = bias ? (T)((const BIAS_T *)bias->data)[oc] : (T)0;                 \
        T *out_c = (T *)out->data + n * os[0] + oc * os[1];                                \
        for (int32_t oy = 0; oy < plan->out_h; oy++) {                                     \
          for (int32_t ox = 0; ox < plan->out_w; ox++) out_c[oy * os[2] + ox * os[3]] = start; \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t g = 0; g < plan->groups; g++) {                                         \
        for (int32_t ocg = 0; ocg < plan->out_channels; ocg++) {                           \
          T *out_c = (T *)out->data + n * os[0] + (g * plan->out_channels + ocg) * os[1];  \
          for (int32_t iy = 0; iy < plan->in_h; iy++) {                                    \
            const int32_t ky_begin = plan->rows[2 * iy];                                   \
            const int32_t ky_end = plan->rows[2 * iy + 1];                                 \
            const int32_t oy0 = iy * plan->stride_h - plan->padding_h;                     \
            for (int32_t ix = 0; ix < plan->in_w; ix++) {                                  \
              const int32_t kx_begin = plan->cols[2 * ix];                                 \
              const int32_t kx_end = plan->cols[2 * ix + 1];                               \
              const int32_t ox0 = ix * plan->stride_w - plan->padding_w;                   \
              for (int32_t ic = g * plan->in_channels; ic < (g + 1) * plan->in_channels; ic++) { \
                const ACC_T x = (ACC_T)((const T *)input->data)[n * is[0] + ic * is[1] +   \
                                                                iy * is[2] + ix * is[3]];  \
                const T *w_ic = (const T *)weight->data + ic * ws[0] + ocg * ws[1];        \
                for (int32_t ky = ky_begin; ky < ky_end; ky++) {                           \
                  T *out_row = out_c + (oy0 + ky * plan->dilation_h) * os[2];              \
                  for (int32_t kx = kx_begin; kx < kx_end; kx++) {                         \
                    T *o = out_row + (ox0 + kx * plan->dilation_w) * os[3];                \
                    *o = (T)((ACC_T)*o + x * (ACC_T)w_ic[ky * ws[2] + kx * ws[3]]);        \
                  }                                                                        \
                }                                                                          \
              }                                                                            \
            }                                                                              \
          }                                                                                \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_convolution_transposed_out
ETB_VARIANTS_etb_op_convolution_transposed_out(ETB_DEFINE_CONVOLUTION_TRANSPOSED_OUT)
#endif
