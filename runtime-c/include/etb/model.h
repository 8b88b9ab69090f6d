/* The interface between a generated model and the code that drives it (the host runner, the
 * firmware runner and bench mains, a user's application). A generated `etb_model.c` defines
 * `etb_model` and one function per method; nothing here depends on a particular model. */
#ifndef ETB_MODEL_H
#define ETB_MODEL_H

#include "etb/etb.h"

/* What a method input or output is. */
typedef enum etb_value_kind {
  ETB_VALUE_TENSOR = 0,
  ETB_VALUE_INT = 1,    /* int64, 8 bytes */
  ETB_VALUE_DOUBLE = 2, /* float64, 8 bytes */
  ETB_VALUE_BOOL = 3,   /* 1 byte */
  ETB_VALUE_NONE = 4,   /* a None output: 0 bytes */
  ETB_VALUE_STRING = 5  /* UTF-8 bytes, no terminator (constant methods return names) */
} etb_value_kind;

/* A method input or output: where its bytes live (in memory order) and how many there are.
 * Inputs are written here before each run; outputs are read from here after it. */
typedef struct etb_io {
  void *data;
  uint32_t nbytes;
  uint8_t kind;  /* etb_value_kind */
  uint8_t dtype; /* etb_dtype, for tensors */
} etb_io;

typedef struct etb_method {
  const char *name;
  /* Runs the method on the current inputs. Returns ETB_OK or the first kernel failure; on a
   * failure `*failed_instruction` (when not NULL) gets the instruction index. */
  etb_status (*run)(int32_t *failed_instruction);
  const etb_io *inputs;
  const etb_io *outputs;
  uint16_t num_inputs;
  uint16_t num_outputs;
  uint16_t num_instructions;
} etb_method;

typedef struct etb_model {
  const char *name;
  const char *sha256; /* of the .pte the code was generated from */
  const etb_method *methods;
  uint16_t num_methods;
} etb_model;

extern const etb_model etb_model_def;

/* Per-operator profiling. Generated code brackets every instruction with these macros; they
 * cost nothing unless the runner is built with ETB_PROFILE and defines the two hooks. */
#if defined(ETB_PROFILE)
void etb_profile_op_begin(uint16_t instruction, const char *op_name);
void etb_profile_op_end(uint16_t instruction);
#define ETB_OP_BEGIN(i, name) etb_profile_op_begin((i), (name))
#define ETB_OP_END(i) etb_profile_op_end((i))
#else
#define ETB_OP_BEGIN(i, name) ((void)0)
#define ETB_OP_END(i) ((void)0)
#endif

#endif /* ETB_MODEL_H */
