/* nolto-library: the checksum comes from a library compiled without
   -flto (nolto-library-lib.c, archived as a distribution's static
   library would be).  The plugin sees no body for it: the path that
   calls it is refused, the other is offloaded.
   Requests: "PING"; "C" text -> "sum N" from the library.  */
/* corpus-nolto: nolto-library-lib.c */
/* corpus-expect: verdict infeasible "calls 'corpus_checksum' .*: it has no body" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

unsigned corpus_checksum (const char *p, size_t n);

static unsigned long summed;

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len < 1 || req[0] != 'C')
    return -1;
  unsigned s = corpus_checksum (req + 1, len - 1);
  summed++;
  memcpy (out, "sum ", 4);
  out[4] = (char) ('0' + s / 100 % 10);
  out[5] = (char) ('0' + s / 10 % 10);
  out[6] = (char) ('0' + s % 10);
  return 7;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("summed %lu\n", summed);
  return 0;
}
