/* mutex: a counter shared with a second thread (a statistics thread
   that snapshots it), updated under a pthread mutex.  Taking a lock
   cannot be done in BPF (and the kernel's copy would not take the
   program's lock): the path must be refused, not offloaded unlocked.
   Request: "INC" -> "count N"; "GET" -> "count N".  */
/* corpus-link: -pthread */
/* corpus-expect: verdict infeasible "pthread_mutex_lock" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned count;
static unsigned snapshot;

/* The statistics thread: copies the counter under the lock until the
   server stops.  */
static void *
stats_thread (void *arg)
{
  (void) arg;
  while (!corpus_stop)
    {
      pthread_mutex_lock (&lock);
      snapshot = count;
      pthread_mutex_unlock (&lock);
      usleep (20000);
    }
  return NULL;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len != 3 || (memcmp (req, "INC", 3) && memcmp (req, "GET", 3)))
    return -1;
  pthread_mutex_lock (&lock);
  if (req[0] == 'I')
    count++;
  unsigned v = count;
  pthread_mutex_unlock (&lock);
  memcpy (out, "count ", 6);
  out[6] = (char) ('0' + v / 10 % 10);
  out[7] = (char) ('0' + v % 10);
  return 8;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  sigset_t all, old;
  sigfillset (&all);
  /* The thread blocks the signals: SIGTERM reaches the event loop.  */
  pthread_sigmask (SIG_BLOCK, &all, &old);
  pthread_t t;
  pthread_create (&t, NULL, stats_thread, NULL);
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  CORPUS_SERVE (fd, handle);
  pthread_join (t, NULL);
  printf ("count %u\n", count);
  return 0;
}
