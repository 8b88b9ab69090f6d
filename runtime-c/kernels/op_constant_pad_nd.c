/* aten::constant_pad_nd.out (see op_constant_pad_nd.h). */
#include "op_constant_pad_nd.h"

#define ETB_DEFINE_CONSTANT_PAD_ND_OUT(KEY, T)                            \
  ETB_CONSTANT_PAD_ND_OUT_SIGNATURE(KEY, T) {                             \
    T *o = (T *)out->data;                                                \
    for (int32_t i = 0; i < out->numel; i++) o[i] = value;                \
    ETB_COPY_ELEMENTS(sizeof(T), out->data, self->data, plan);            \
    return ETB_OK;                                                        \
  }
#ifdef ETB_VARIANTS_etb_op_constant_pad_nd_out
ETB_VARIANTS_etb_op_constant_pad_nd_out(ETB_DEFINE_CONSTANT_PAD_ND_OUT)
#endif
