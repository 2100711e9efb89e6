/* setjmp: a parser that bails out of nested calls with longjmp on a
   malformed number.  setjmp/longjmp cannot run in BPF: the path is
   refused.
   Request: "N" digits -> "n=VALUE" or "bad".  */
/* corpus-expect: verdict infeasible "setjmp and longjmp cannot run in BPF" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"
#include <setjmp.h>

static jmp_buf bail;
static unsigned long bad;

static unsigned __attribute__ ((noinline))
digit (char c)
{
  if (c < '0' || c > '9')
    longjmp (bail, 1);
  return (unsigned) (c - '0');
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 2 || req[0] != 'N' || len > 10)
    return -1;
  if (setjmp (bail))
    {
      bad++;
      memcpy (out, "bad", 3);
      return 3;
    }
  unsigned v = 0;
  for (size_t i = 1; i < len; i++)
    v = v * 10 + digit (req[i]);
  memcpy (out, "n=", 2);
  size_t pos = 2;
  char digits[10];
  int k = 0;
  do
    digits[k++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (k > 0)
    out[pos++] = digits[--k];
  return (long) pos;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("bad %lu\n", bad);
  return 0;
}
