/* Included by every kernel source. etb_config.h is generated for each program: it defines
 * ETB_USE_<function> for every kernel function the program calls and, for kernels written as
 * dtype templates, ETB_VARIANTS_<family>(X) listing the dtype combinations to instantiate. So
 * only what the program uses is compiled. */
#ifndef ETB_KERNEL_H
#define ETB_KERNEL_H

#include <math.h>
#include <string.h>

#include "etb/etb.h"
#include "etb/elementwise.h"
#include "etb_config.h"

#define ETB_INF_F (__builtin_inff())
#define ETB_INF_D (__builtin_inf())

#endif /* ETB_KERNEL_H */
