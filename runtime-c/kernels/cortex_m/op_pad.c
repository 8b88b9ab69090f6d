/* cortex_m::pad.out. */
#include "op_pad.h"

#if defined(ETB_USE_etb_cm_pad_s8)
etb_status etb_cm_pad_s8(const int8_t *input, int8_t *output, const int32_t input_sizes[4], const int32_t pre_pad[4],
                         const int32_t post_pad[4], int8_t pad_value) {
  int32_t out_sizes[4];
  int any_padding = 0;
  for (int d = 0; d < 4; d++) {
    out_sizes[d] = input_sizes[d] + pre_pad[d] + post_pad[d];
    any_padding |= pre_pad[d] != 0 || post_pad[d] != 0;
  }
  const size_t in_count = (size_t)input_sizes[0] * input_sizes[1] * input_sizes[2] * input_sizes[3];
  if (!any_padding) {
    memcpy(output, input, in_count);
    return ETB_OK;
  }
  memset(output, pad_value, (size_t)out_sizes[0] * out_sizes[1] * out_sizes[2] * out_sizes[3]);
  /* Each innermost row of the input lands contiguously in the output. */
  for (int32_t i0 = 0; i0 < input_sizes[0]; i0++) {
    for (int32_t i1 = 0; i1 < input_sizes[1]; i1++) {
      for (int32_t i2 = 0; i2 < input_sizes[2]; i2++) {
        const size_t row = (((size_t)(i0 + pre_pad[0]) * out_sizes[1] + (size_t)(i1 + pre_pad[1])) * out_sizes[2] +
                            (size_t)(i2 + pre_pad[2])) * out_sizes[3] + (size_t)pre_pad[3];
        memcpy(output + row, input, (size_t)input_sizes[3]);
        input += input_sizes[3];
      }
    }
  }
  return ETB_OK;
}
#endif
