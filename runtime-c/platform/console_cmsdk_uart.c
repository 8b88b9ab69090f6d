/* Arm CMSDK APB UART (MPS2 and MPS3 FPGA images), polled. */
#include "etb_platform.h"
#include "etb_board.h"

#define UART_DATA ETB_REG32(ETB_CONSOLE_BASE + 0x00u)
#define UART_STATE ETB_REG32(ETB_CONSOLE_BASE + 0x04u)
#define UART_CTRL ETB_REG32(ETB_CONSOLE_BASE + 0x08u)
#define UART_BAUDDIV ETB_REG32(ETB_CONSOLE_BASE + 0x10u)

#define STATE_TX_FULL (1u << 0)
#define STATE_RX_FULL (1u << 1)
#define CTRL_TX_ENABLE (1u << 0)
#define CTRL_RX_ENABLE (1u << 1)

void etb_console_init(void) {
  etb_board_setup();
  UART_BAUDDIV = ETB_CONSOLE_DIVISOR;
  /* Both enables: with TX disabled the UART silently drops what is written to DATA. */
  UART_CTRL = CTRL_TX_ENABLE | CTRL_RX_ENABLE;
}

void etb_console_putc(char c) {
  while ((UART_STATE & STATE_TX_FULL) != 0u) {
  }
  UART_DATA = (uint8_t)c;
}

int etb_console_getc(void) {
  while ((UART_STATE & STATE_RX_FULL) == 0u) {
  }
  return (int)(UART_DATA & 0xFFu);
}
