/* The runner: drives a generated model over the console with etbuild's line protocol, version 1.
 *
 * Device to host, one line each, every line starting "ETB v1 " (anything else is noise):
 *   hello board=B model=M sha256=S mode=run|bench methods=N [timer=T clock=HZ]
 *   method m=0 name=forward inputs=N outputs=N instructions=N
 *   input m=0 i=0 kind=K dtype=D nbytes=N       (and `output`, the same fields)
 *   ready                                        (waiting for a command)
 *   ack cmd=C ...                                (one per accepted command, for flow control)
 *   error what=W ...                             (a refused command; still ready)
 *   out i=0 kind=K dtype=D nbytes=N  then  hex i=0 off=O data=HEX...
 *   iter i=0 cycles=N   op i=7 name=aten::add.out cycles=N      (bench)
 *   done status=S [instruction=I] [stack_used=N stack_size=N]   (stack: high-water mark since reset)
 *   fault pc=0x... lr=0x... xpsr=0x...
 *
 * Host to device, one command per line:
 *   h            print the hello block again (a host that opened the port late)
 *   m M          select method M (default 0)
 *   i I N        select input I of the method and announce its N bytes
 *   d HEX...     the next bytes of the selected input; any number of bytes per line
 *   r            run the method and print its outputs
 *   b W N        bench: W untimed runs, N timed runs, then one profiled run (bench builds)
 *   x            exit with the last run's status (semihosting: only under QEMU or a debugger)
 * The host sends a command only after the answer to the previous one: a UART has no room to
 * buffer a long input while the firmware is busy, and QEMU's models have one byte.
 *
 * No heap and no printf: numbers are formatted here, digits by hand. */
#include "etb/model.h"
#include "etb_board.h"
#include "etb_platform.h"

#define HEX_BYTES_PER_LINE 64u

static const etb_method *selected_method;
static const etb_io *selected_input;
static uint32_t input_received;
static int last_status;

/* ---- output ---- */

static void put(const char *text) {
  while (*text != '\0') etb_console_putc(*text++);
}

static void put_u32(uint32_t value) {
  char digits[10];
  unsigned count = 0;
  do {
    digits[count++] = (char)('0' + value % 10u);
    value /= 10u;
  } while (value != 0u);
  while (count > 0u) etb_console_putc(digits[--count]);
}

static void put_hex_byte(uint8_t byte) {
  static const char hex[] = "0123456789abcdef";
  etb_console_putc(hex[byte >> 4]);
  etb_console_putc(hex[byte & 0xFu]);
}

static void put_hex32(uint32_t value) {
  put("0x");
  for (int shift = 24; shift >= 0; shift -= 8) put_hex_byte((uint8_t)(value >> shift));
}

static void begin(const char *verb) {
  put("ETB v1 ");
  put(verb);
}

static void field(const char *key, uint32_t value) {
  etb_console_putc(' ');
  put(key);
  etb_console_putc('=');
  put_u32(value);
}

static void text_field(const char *key, const char *value) {
  etb_console_putc(' ');
  put(key);
  etb_console_putc('=');
  put(value);
}

static void end_line(void) {
  etb_console_putc('\n');
}

static void error_line(const char *what) {
  begin("error");
  text_field("what", what);
}

/* ---- input ---- */

static int next_char(void) {
  const int c = etb_console_getc();
  if (c < 0) etb_platform_exit(last_status); /* the host closed our input */
  return c;
}

static void skip_line(int c) {
  while (c != '\n') c = next_char();
}

/* The next decimal field of a command line, after optional spaces. `*c` holds the character
 * that ended the previous field (' ' after the command letter); at the end of the line there are
 * no more fields and the value is 0. On return `*c` is the character that ended this field. */
static uint32_t read_number(int *c) {
  if (*c == '\n') return 0;
  int next = next_char();
  while (next == ' ') next = next_char();
  uint32_t value = 0;
  while (next >= '0' && next <= '9') {
    value = value * 10u + (uint32_t)(next - '0');
    next = next_char();
  }
  *c = next;
  return value;
}

static int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* ---- commands ---- */

static void describe_io(const char *verb, uint32_t method, uint32_t index, const etb_io *io) {
  begin(verb);
  field("m", method);
  field("i", index);
  field("kind", io->kind);
  field("dtype", io->dtype);
  field("nbytes", io->nbytes);
  end_line();
}

static void hello(void) {
  begin("hello");
  text_field("board", ETB_BOARD_ID);
  text_field("model", etb_model_def.name);
  text_field("sha256", etb_model_def.sha256);
#if defined(ETB_BENCH)
  text_field("mode", "bench");
  text_field("timer", etb_timer_name());
  field("clock", ETB_CLOCK_HZ);
#else
  text_field("mode", "run");
#endif
  field("methods", etb_model_def.num_methods);
  end_line();
  for (uint32_t m = 0; m < etb_model_def.num_methods; m++) {
    const etb_method *method = &etb_model_def.methods[m];
    begin("method");
    field("m", m);
    text_field("name", method->name);
    field("inputs", method->num_inputs);
    field("outputs", method->num_outputs);
    field("instructions", method->num_instructions);
    end_line();
    for (uint32_t i = 0; i < method->num_inputs; i++) describe_io("input", m, i, &method->inputs[i]);
    for (uint32_t i = 0; i < method->num_outputs; i++) describe_io("output", m, i, &method->outputs[i]);
  }
  begin("ready");
  end_line();
}

static void select_method(void) {
  int c = ' ';
  const uint32_t index = read_number(&c);
  skip_line(c);
  if (index >= etb_model_def.num_methods) {
    error_line("no-such-method");
    field("m", index);
  } else {
    selected_method = &etb_model_def.methods[index];
    selected_input = 0;
    begin("ack cmd=m");
    field("m", index);
  }
  end_line();
}

static void select_input(void) {
  int c = ' ';
  const uint32_t index = read_number(&c);
  const uint32_t nbytes = read_number(&c);
  skip_line(c);
  selected_input = 0;
  if (index >= selected_method->num_inputs) {
    error_line("no-such-input");
    field("i", index);
  } else if (nbytes != selected_method->inputs[index].nbytes) {
    error_line("input-size");
    field("i", index);
    field("expected", selected_method->inputs[index].nbytes);
    field("got", nbytes);
  } else {
    selected_input = &selected_method->inputs[index];
    input_received = 0;
    begin("ack cmd=i");
    field("i", index);
    field("nbytes", nbytes);
  }
  end_line();
}

/* Hex digits go straight into the input's storage: no line buffer, so a line can be any length. */
static void receive_data(void) {
  const char *problem = 0;
  int c = next_char();
  while (c == ' ') c = next_char();
  while (c != '\n' && c != '\r') {
    const int high = hex_value(c);
    c = next_char();
    const int low = hex_value(c);
    if (high < 0 || low < 0) {
      problem = "bad-hex";
      break;
    }
    if (selected_input == 0 || input_received >= selected_input->nbytes) {
      problem = selected_input == 0 ? "no-input-selected" : "input-overflow";
      break;
    }
    ((uint8_t *)selected_input->data)[input_received++] = (uint8_t)((high << 4) | low);
    c = next_char();
  }
  skip_line(c);
  if (problem != 0) {
    error_line(problem);
  } else {
    begin("ack cmd=d");
    field("n", input_received);
  }
  end_line();
}

static void print_outputs(const etb_method *method) {
  for (uint32_t i = 0; i < method->num_outputs; i++) {
    const etb_io *io = &method->outputs[i];
    begin("out");
    field("i", i);
    field("kind", io->kind);
    field("dtype", io->dtype);
    field("nbytes", io->nbytes);
    end_line();
    const uint8_t *bytes = (const uint8_t *)io->data;
    for (uint32_t offset = 0; offset < io->nbytes; offset += HEX_BYTES_PER_LINE) {
      begin("hex");
      field("i", i);
      field("off", offset);
      put(" data=");
      for (uint32_t k = offset; k < io->nbytes && k < offset + HEX_BYTES_PER_LINE; k++) put_hex_byte(bytes[k]);
      end_line();
    }
  }
}

static void done(etb_status status, int32_t failed_instruction) {
  last_status = (int)status;
  begin("done");
  field("status", (uint32_t)status);
  if (status != ETB_OK && failed_instruction >= 0) field("instruction", (uint32_t)failed_instruction);
#if defined(ETB_STACK_PAINT)
  field("stack_used", etb_stack_used());
  field("stack_size", etb_stack_size());
#endif
  end_line();
}

static void run(void) {
  int32_t failed_instruction = -1;
  const etb_status status = selected_method->run(&failed_instruction);
  if (status == ETB_OK) print_outputs(selected_method);
  done(status, failed_instruction);
}

#if defined(ETB_BENCH)
static uint8_t profiling;
static uint32_t op_started;
static const char *op_name_running;

void etb_profile_op_begin(uint16_t instruction, const char *op_name) {
  (void)instruction;
  if (!profiling) return;
  op_name_running = op_name;
  op_started = etb_timer_now();
}

/* The line is printed after the operator, so the printing is never counted in its time. */
void etb_profile_op_end(uint16_t instruction) {
  if (!profiling) return;
  const uint32_t cycles = etb_timer_now() - op_started;
  begin("op");
  field("i", instruction);
  text_field("name", op_name_running);
  field("cycles", cycles);
  end_line();
}

static void bench(void) {
  int c = ' ';
  const uint32_t warmup = read_number(&c);
  const uint32_t iterations = read_number(&c);
  skip_line(c);
  int32_t failed_instruction = -1;
  etb_status status = ETB_OK;
  for (uint32_t i = 0; i < warmup && status == ETB_OK; i++) status = selected_method->run(&failed_instruction);
  for (uint32_t i = 0; i < iterations && status == ETB_OK; i++) {
    const uint32_t start = etb_timer_start();
    status = selected_method->run(&failed_instruction);
    const uint32_t cycles = etb_timer_now() - start;
    begin("iter");
    field("i", i);
    field("cycles", cycles);
    end_line();
  }
  if (status == ETB_OK) {
    profiling = 1;
    (void)etb_timer_start();
    status = selected_method->run(&failed_instruction);
    profiling = 0;
  }
  done(status, failed_instruction);
}
#endif

/* Called by the fault handler in the generated startup with the stacked exception frame. */
void etb_fault_report(const uint32_t *frame);
void etb_fault_report(const uint32_t *frame) {
  begin("fault");
  put(" pc=");
  put_hex32(frame[6]);
  put(" lr=");
  put_hex32(frame[5]);
  put(" xpsr=");
  put_hex32(frame[7]);
  end_line();
  for (;;) {
  }
}

int main(void) {
  etb_console_init();
#if defined(ETB_BENCH)
  etb_timer_init();
#endif
  selected_method = &etb_model_def.methods[0];
  hello();
  for (;;) {
    const int command = next_char();
    switch (command) {
      case 'h': skip_line(next_char()); hello(); break;
      case 'm': select_method(); break;
      case 'i': select_input(); break;
      case 'd': receive_data(); break;
      case 'r': skip_line(next_char()); run(); break;
#if defined(ETB_BENCH)
      case 'b': bench(); break;
#endif
      case 'x': etb_platform_exit(last_status);
      case '\n': case '\r': case ' ': break;
      default:
        skip_line(command);
        error_line("unknown-command");
        end_line();
        break;
    }
  }
}
