/* thread-writer: a worker thread owns a counter the fast path reads.
   "BUMP" asks the worker (through a pipe) to increment it and waits
   for its answer (another pipe): that path does I/O on other
   descriptors and is refused (the plugin cannot tell pipes made by
   pipe () from the request's socket, and says the path receives again
   on it; the worker's read loop is a path of no known service).  "GET" only reads the counter, one
   aligned word: it is offloaded, and the kernel must see the worker's
   writes (the counter is shared state that userspace writes, through
   the map the runtime puts under it).
   Requests: "BUMP" -> "bumped"; "GET" -> "value N".  */
/* corpus-link: -pthread */
/* corpus-expect: verdict offloaded reply */
/* corpus-expect: verdict infeasible reply "receives again on the request's socket|does I/O on another socket" */

#include "corpus-server.h"
#include <pthread.h>

static unsigned long value;
static int to_worker[2], from_worker[2];

static void *
worker (void *arg)
{
  (void) arg;
  char c;
  while (read (to_worker[0], &c, 1) == 1)
    {
      value++;
      if (write (from_worker[1], &c, 1) != 1)
	break;
    }
  return NULL;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "BUMP", 4) == 0)
    {
      char c = 'b';
      if (write (to_worker[1], &c, 1) != 1 || read (from_worker[0], &c, 1) != 1)
	return -1;
      memcpy (out, "bumped", 6);
      return 6;
    }
  if (len != 3 || memcmp (req, "GET", 3) != 0)
    return -1;
  memcpy (out, "value ", 6);
  out[6] = (char) ('0' + value % 10);
  return 7;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  if (pipe (to_worker) || pipe (from_worker))
    return 1;
  sigset_t all, old;
  sigfillset (&all);
  pthread_sigmask (SIG_BLOCK, &all, &old);
  pthread_t t;
  pthread_create (&t, NULL, worker, NULL);
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  CORPUS_SERVE (fd, handle);
  /* Closing the pipe ends the worker.  */
  close (to_worker[1]);
  pthread_join (t, NULL);
  printf ("value %lu\n", value);
  return 0;
}
