/* stderr-log: every request is logged to stderr with fprintf before
   it is answered (a debug log left on).  The log is userspace's: the
   path is refused, the construct named.  (The test compares stdout;
   the log goes to stderr.)
   Request: any -> "ack".  */
/* corpus-expect: verdict infeasible "fprintf|fwrite|stderr" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

static unsigned long logged;

static long
handle (const char *req, size_t len, char *out)
{
  (void) req;
  logged++;
  fprintf (stderr, "request %lu: %zu bytes\n", logged, len);
  memcpy (out, "ack", 3);
  return 3;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("logged %lu\n", logged);
  return 0;
}
