/* unbounded-loop: the Collatz sequence of the request's number, a loop
   whose trip count no analysis can bound.  The plugin gives it the
   loop bound (32 by default): short sequences are answered in the
   kernel, longer ones pass up to userspace at the bound.
   Request: "C" digits -> "steps N".  */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned long computed;

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 2 || len > 7 || req[0] != 'C')
    return -1;
  unsigned long n = 0;
  for (size_t i = 1; i < len; i++)
    n = n * 10 + (unsigned long) (req[i] & 15);
  unsigned steps = 0;
  while (n > 1)
    {
      n = n % 2 ? 3 * n + 1 : n / 2;
      steps++;
    }
  computed++;
  memcpy (out, "steps ", 6);
  out[6] = (char) ('0' + steps / 100 % 10);
  out[7] = (char) ('0' + steps / 10 % 10);
  out[8] = (char) ('0' + steps % 10);
  return 9;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("computed %lu\n", computed);
  return 0;
}
