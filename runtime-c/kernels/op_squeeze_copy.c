/* aten::squeeze_copy.dim_out, aten::squeeze_copy.dims_out (see op_squeeze_copy.h). */
#include "op_squeeze_copy.h"

#if defined(ETB_USE_etb_op_squeeze_copy_dim_out)
etb_status etb_op_squeeze_copy_dim_out(const etb_tensor *self, const etb_tensor *out) {
  return etb_copy_bytes(self, out);
}
#endif

#if defined(ETB_USE_etb_op_squeeze_copy_dims_out)
etb_status etb_op_squeeze_copy_dims_out(const etb_tensor *self, const etb_tensor *out) {
  return etb_copy_bytes(self, out);
}
#endif
