/* Status strings for etb_status, from the same X-macro as the enum. */
#include "etb/etb.h"

const char *etb_status_string(etb_status status) {
  switch (status) {
#define ETB_STATUS_CASE(name, value, text) case ETB_##name: return text;
    ETB_STATUS_LIST(ETB_STATUS_CASE)
#undef ETB_STATUS_CASE
  }
  return "unknown status";
}
