/* signal-shared: a SIGHUP handler bumps a "generation" global that
   every reply carries (as a daemon's reload would).  The handler is
   userspace code outside any request: the global becomes state the
   kernel reads and userspace writes, shared through a map, and the
   echo path is offloaded.  "RELOAD" raises SIGHUP itself (raise cannot
   run in BPF: that path is refused); the replies after it, from the
   kernel, must carry the new generation.
   Requests: "RELOAD" -> "reloaded"; any other -> "gen N: " and the
   request.  */
/* corpus-expect: verdict offloaded reply */
/* corpus-expect: verdict infeasible reply "calls 'raise'" */

#include "corpus-server.h"

static volatile sig_atomic_t generation = 1;
static unsigned long served;

static void
on_hup (int sig)
{
  (void) sig;
  generation++;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 6 && memcmp (req, "RELOAD", 6) == 0)
    {
      raise (SIGHUP);
      memcpy (out, "reloaded", 8);
      return 8;
    }
  if (len > 200)
    len = 200;
  served++;
  memcpy (out, "gen ", 4);
  out[4] = (char) ('0' + generation % 10);
  out[5] = ':';
  out[6] = ' ';
  memcpy (out + 7, req, len);
  return (long) len + 7;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  signal (SIGHUP, on_hup);
  CORPUS_SERVE (fd, handle);
  printf ("served %lu generation %d\n", served, (int) generation);
  return 0;
}
