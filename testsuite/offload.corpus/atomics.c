/* atomics: C11 atomic counters (atomic_fetch_add, atomic_load) of a
   server whose counters other threads could read.  The plugin does not
   translate atomic built-ins (the kernel has atomic adds, but the
   generator does not use them for the program's own atomics yet): the
   path is refused with the built-in's name.
   Request: "HIT" -> "hits N"; "GET" -> "hits N".  */
/* corpus-expect: verdict infeasible "calls .__atomic_(add_fetch|fetch_add)_4" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"
#include <stdatomic.h>

static atomic_uint hits;

static long
handle (const char *req, size_t len, char *out)
{
  if (len != 3)
    return -1;
  unsigned v;
  if (memcmp (req, "HIT", 3) == 0)
    v = atomic_fetch_add (&hits, 1) + 1;
  else if (memcmp (req, "GET", 3) == 0)
    v = atomic_load (&hits);
  else
    return -1;
  memcpy (out, "hits ", 5);
  out[5] = (char) ('0' + v / 10 % 10);
  out[6] = (char) ('0' + v % 10);
  return 7;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("hits %u\n", atomic_load (&hits));
  return 0;
}
