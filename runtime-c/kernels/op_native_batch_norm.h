/* aten::_native_batch_norm_legit_no_training.out: inference batch norm over dimension 1 of a
 * contiguous tensor, with the running statistics. */
#ifndef ETB_OP_NATIVE_BATCH_NORM_H
#define ETB_OP_NATIVE_BATCH_NORM_H
#include "etb/kernel.h"

/* The tensor is [outer, channels, inner]; weight and bias may be NULL (1 and 0). The save_mean
 * and save_invstd outputs are empty in this overload, so they are not passed. */
#define ETB_DECLARE_NATIVE_BATCH_NORM_LEGIT_NO_TRAINING_OUT(KEY, T)                        \
  ETB_NODISCARD etb_status etb_op_native_batch_norm_legit_no_training_out_##KEY(           \
      const etb_tensor *input, const etb_tensor *weight, const etb_tensor *bias,           \
      const etb_tensor *running_mean, const etb_tensor *running_var, double eps,           \
      const etb_tensor *out, int32_t outer, int32_t channels, int32_t inner);
#ifdef ETB_VARIANTS_etb_op_native_batch_norm_legit_no_training_out
ETB_VARIANTS_etb_op_native_batch_norm_legit_no_training_out(ETB_DECLARE_NATIVE_BATCH_NORM_LEGIT_NO_TRAINING_OUT)
#endif

#endif
