/* The host runner: runs one method of a generated model on raw input files and writes raw
 * output files, the format of the golden data (little-endian, memory order, Int/Double as 8
 * bytes, Bool as 1). Host only: it uses stdio and the heap; the model and kernels do not.
 *
 *   model_runner METHOD INPUT_DIR OUTPUT_DIR [--bench N]
 *
 * With --bench it runs the method N more times, setting the inputs again before each run (the
 * plan may reuse input memory for intermediates), and prints the median time per run. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "etb/model.h"

static int fail(int code, const char *what, const char *detail) {
  fprintf(stderr, "ETB v1 error %s: %s\n", what, detail);
  return code;
}

static const etb_method *find_method(const char *name) {
  for (uint16_t i = 0; i < etb_model_def.num_methods; i++) {
    if (strcmp(etb_model_def.methods[i].name, name) == 0) return &etb_model_def.methods[i];
  }
  return NULL;
}

static int read_file(const char *path, void *data, uint32_t nbytes) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t got = nbytes ? fread(data, 1, nbytes, f) : 0;
  int extra = fgetc(f);
  fclose(f);
  return (got == nbytes && extra == EOF) ? 0 : -2;
}

static int write_file(const char *path, const void *data, uint32_t nbytes) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t put = nbytes ? fwrite(data, 1, nbytes, f) : 0;
  return (fclose(f) == 0 && put == nbytes) ? 0 : -1;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 4 && !(argc == 6 && strcmp(argv[4], "--bench") == 0)) {
    return fail(2, "usage", "model_runner METHOD INPUT_DIR OUTPUT_DIR [--bench N]");
  }
  const etb_method *method = find_method(argv[1]);
  if (!method) return fail(2, "method", argv[1]);
  char path[4096];
  /* Keep a copy of every input so benchmark runs can set them again. */
  void **saved = calloc(method->num_inputs ? method->num_inputs : 1, sizeof(void *));
  for (uint16_t i = 0; i < method->num_inputs; i++) {
    const etb_io *in = &method->inputs[i];
    snprintf(path, sizeof path, "%s/%u.bin", argv[2], (unsigned)i);
    saved[i] = malloc(in->nbytes ? in->nbytes : 1);
    int rc = read_file(path, saved[i], in->nbytes);
    if (rc == -1) return fail(3, "input-missing", path);
    if (rc == -2) {
      char detail[4200];
      snprintf(detail, sizeof detail, "%s: expected %u bytes", path, (unsigned)in->nbytes);
      return fail(3, "input-size", detail);
    }
    if (in->nbytes) memcpy(in->data, saved[i], in->nbytes);
  }
  int32_t failed = -1;
  etb_status status = method->run(&failed);
  if (status != ETB_OK) {
    fprintf(stderr, "ETB v1 done status=%d instruction=%d (%s)\n", (int)status, (int)failed, etb_status_string(status));
    return 4;
  }
  for (uint16_t i = 0; i < method->num_outputs; i++) {
    const etb_io *out = &method->outputs[i];
    snprintf(path, sizeof path, "%s/%u.bin", argv[3], (unsigned)i);
    if (write_file(path, out->data, out->nbytes) != 0) return fail(3, "output", path);
  }
  printf("ETB v1 done status=0 outputs=%u\n", (unsigned)method->num_outputs);
  if (argc == 6) {
    long runs = strtol(argv[5], NULL, 10);
    if (runs < 1) runs = 1;
    double *times = malloc((size_t)runs * sizeof(double));
    for (long r = 0; r < runs; r++) {
      for (uint16_t i = 0; i < method->num_inputs; i++) {
        if (method->inputs[i].nbytes) memcpy(method->inputs[i].data, saved[i], method->inputs[i].nbytes);
      }
      double start = now_ns();
      status = method->run(&failed);
      times[r] = now_ns() - start;
      if (status != ETB_OK) return fail(4, "bench", etb_status_string(status));
    }
    qsort(times, (size_t)runs, sizeof(double), compare_double);
    printf("ETB v1 bench runs=%ld median_ns=%.1f min_ns=%.1f max_ns=%.1f\n", runs, times[runs / 2], times[0], times[runs - 1]);
    free(times);
  }
  for (uint16_t i = 0; i < method->num_inputs; i++) free(saved[i]);
  free(saved);
  return 0;
}
