/* string-table: replies picked from a constant table of string
   pointers (const char *const names[]), indexed by the request.
   Pointers in a read-only table are fine: the generator knows what
   they point to, and the path is offloaded.
   Request: a digit -> the name of that digit.  */
/* corpus-expect: verdict offloaded */
/* corpus-expect: no-verdict infeasible */

#include "corpus-server.h"

static const char *const names[10] = {
  "zero", "one", "two", "three", "four",
  "five", "six", "seven", "eight", "nine"
};

static unsigned long named;

static long
handle (const char *req, size_t len, char *out)
{
  if (len != 1 || req[0] < '0' || req[0] > '9')
    return -1;
  const char *s = names[req[0] - '0'];
  size_t n = strlen (s);
  memcpy (out, s, n);
  named++;
  return (long) n;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("named %lu\n", named);
  return 0;
}
