/* Host timer: a monotonic clock in nanoseconds. */
#define _POSIX_C_SOURCE 199309L
#include <time.h>

#include "etb_platform.h"

void etb_timer_init(void) {
}

uint32_t etb_timer_now(void) {
  struct timespec now;
  (void)clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint32_t)((uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec);
}

uint32_t etb_timer_start(void) {
  return etb_timer_now();
}

const char *etb_timer_name(void) {
  return "host";
}
