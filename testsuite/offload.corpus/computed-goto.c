/* computed-goto: a bytecode interpreter dispatching with GNU C's
   labels as values (goto *table[op]).  The generator does not
   translate computed jumps: the paths that jump are refused; an empty program
   ("X" alone) jumps nowhere and is offloaded.
   Request: "X" then ops: 'i' increment, 'd' double, 'n' negate mod
   256, 'h' halt -> "acc N".  */
/* corpus-expect: verdict infeasible "computed label" */
/* corpus-expect: verdict offloaded reply */

#include "corpus-server.h"

static unsigned long executed;

static unsigned __attribute__ ((noinline))
run (const char *code, size_t len)
{
  static void *const ops[4] = { &&op_inc, &&op_dbl, &&op_neg, &&op_halt };
  unsigned acc = 0;
  size_t pc = 0;
#define NEXT()								\
  do									\
    {									\
      if (pc >= len || pc > 32)						\
	goto op_halt;							\
      char c = code[pc++];						\
      goto *ops[c == 'i' ? 0 : c == 'd' ? 1 : c == 'n' ? 2 : 3];	\
    }									\
  while (0)
  NEXT ();
op_inc:
  acc = (acc + 1) & 255;
  NEXT ();
op_dbl:
  acc = (acc * 2) & 255;
  NEXT ();
op_neg:
  acc = (256 - acc) & 255;
  NEXT ();
op_halt:
  executed += pc;
  return acc;
#undef NEXT
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 1 || req[0] != 'X')
    return -1;
  unsigned acc = run (req + 1, len - 1);
  memcpy (out, "acc ", 4);
  out[4] = (char) ('0' + acc / 100);
  out[5] = (char) ('0' + acc / 10 % 10);
  out[6] = (char) ('0' + acc % 10);
  return 7;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("executed %lu\n", executed);
  return 0;
}
