/* cortex_m::transpose.out. */
#include "op_transpose.h"

#if defined(ETB_USE_etb_cm_transpose_s8)
etb_status etb_cm_transpose_s8(const int8_t *input, int8_t *output, const int32_t output_sizes[4],
                               const int32_t input_strides[4]) {
  for (int32_t i0 = 0; i0 < output_sizes[0]; i0++) {
    for (int32_t i1 = 0; i1 < output_sizes[1]; i1++) {
      for (int32_t i2 = 0; i2 < output_sizes[2]; i2++) {
        const int8_t *in = input + (size_t)i0 * input_strides[0] + (size_t)i1 * input_strides[1] +
                           (size_t)i2 * input_strides[2];
        for (int32_t i3 = 0; i3 < output_sizes[3]; i3++) *output++ = in[(size_t)i3 * input_strides[3]];
      }
    }
  }
  return ETB_OK;
}
#endif
