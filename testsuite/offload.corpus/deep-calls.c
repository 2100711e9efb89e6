/* deep-calls: the reply is computed by a chain of 40 functions, each
   calling the next (noinline, so the chain stays a chain): deeper than
   the 8 frames a BPF program may nest, and deeper than the 16 calls
   the plugin's analysis follows.  It must not judge what it did not
   see: the paths are refused, saying so.
   Request: any -> "d N", N from the 40 steps over the request's
   bytes.  */
/* corpus-expect: verdict infeasible "nested calls the analysis follows" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

#define LEVEL(n, next)							\
  static unsigned __attribute__ ((noinline))				\
  level##n (const char *p, size_t len, unsigned acc)			\
  {									\
    acc = acc * 33 + (len > (n) % 8 ? (unsigned char) p[(n) % 8] : (n)); \
    return next (p, len, acc) + (n);					\
  }

static unsigned __attribute__ ((noinline))
level40 (const char *p, size_t len, unsigned acc)
{
  (void) p;
  return acc ^ (unsigned) len;
}

LEVEL (39, level40) LEVEL (38, level39) LEVEL (37, level38)
LEVEL (36, level37) LEVEL (35, level36) LEVEL (34, level35)
LEVEL (33, level34) LEVEL (32, level33) LEVEL (31, level32)
LEVEL (30, level31) LEVEL (29, level30) LEVEL (28, level29)
LEVEL (27, level28) LEVEL (26, level27) LEVEL (25, level26)
LEVEL (24, level25) LEVEL (23, level24) LEVEL (22, level23)
LEVEL (21, level22) LEVEL (20, level21) LEVEL (19, level20)
LEVEL (18, level19) LEVEL (17, level18) LEVEL (16, level17)
LEVEL (15, level16) LEVEL (14, level15) LEVEL (13, level14)
LEVEL (12, level13) LEVEL (11, level12) LEVEL (10, level11)
LEVEL (9, level10) LEVEL (8, level9) LEVEL (7, level8)
LEVEL (6, level7) LEVEL (5, level6) LEVEL (4, level5)
LEVEL (3, level4) LEVEL (2, level3) LEVEL (1, level2)
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
