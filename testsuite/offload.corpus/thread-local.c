/* thread-local: a per-thread request counter (__thread), as servers
   with worker threads keep.  BPF has no thread-local storage, and the
   kernel's copy would not be the serving thread's: the path is refused.
   Request: any -> "n N".  */
/* corpus-expect: verdict infeasible "thread-local" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

static __thread unsigned long per_thread;

static long
handle (const char *req, size_t len, char *out)
{
  (void) req;
  (void) len;
  per_thread++;
  memcpy (out, "n ", 2);
  out[2] = (char) ('0' + per_thread % 10);
  return 3;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("served %lu\n", per_thread);
  return 0;
}
