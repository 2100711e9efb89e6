/* deep-calls-12: deep-calls.c with a chain of 12 calls: deeper than
   the 8 frames a BPF program may nest, within the 16 the analysis
   follows.  The path is offloaded; the generated program must still
   pass the verifier (bpf-gcc inlines what it must) and answer as the
   original.
   Request: any -> "d N", N from the 12 steps over the request's
   bytes.  */
/* corpus-expect: verdict offloaded reply */
/* corpus-expect: no-verdict infeasible */

#include "corpus-server.h"

#define LEVEL(n, next)							\
  static unsigned __attribute__ ((noinline))				\
  level##n (const char *p, size_t len, unsigned acc)			\
  {									\
    acc = acc * 33 + (len > (n) % 8 ? (unsigned char) p[(n) % 8] : (n)); \
    return next (p, len, acc) + (n);					\
  }

static unsigned __attribute__ ((noinline))
level12 (const char *p, size_t len, unsigned acc)
{
  (void) p;
  return acc ^ (unsigned) len;
}

LEVEL (11, level12)
LEVEL (10, level11)
LEVEL (9, level10)
LEVEL (8, level9)
LEVEL (7, level8)
LEVEL (6, level7)
LEVEL (5, level6)
LEVEL (4, level5)
LEVEL (3, level4)
LEVEL (2, level3)
LEVEL (1, level2)
LEVEL (0, level1)

static unsigned long served;

static long
handle (const char *req, size_t len, char *out)
{
  unsigned v = level0 (req, len, 7);
  served++;
  memcpy (out, "d ", 2);
  for (int i = 0; i < 8; i++)
    out[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
  return 10;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("served %lu\n", served);
  return 0;
}
