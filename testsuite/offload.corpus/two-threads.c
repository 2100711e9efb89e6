/* two-threads: two event loops in two threads, each with its own UDP
   service: the main thread serves PORT (echo with a prefix), a second
   thread PORT+1 (the request's length).  Both loops are found, and
   their paths judged on their own; the run test talks to PORT.  The
   second thread gets its socket through its argument: the plugin
   cannot tell which service that is and refuses its paths.  The main
   loop's socket comes from a helper that runs twice, with a port from
   the command line: the runtime could not tell which bind is its own,
   so its paths are refused too (a program started on the other
   service's port would answer it with this code).
   The second thread polls with a timeout to see the stop flag (SIGTERM
   goes to the main thread, which has it unblocked).  */
/* corpus-link: -pthread */
/* corpus-expect: verdict infeasible reply "could not tell which bind" */
/* corpus-expect: verdict infeasible "no known service" */
/* corpus-expect: no-verdict offloaded */

#include "corpus-server.h"
#include <pthread.h>

static unsigned long echoed, measured;

static void *
length_loop (void *arg)
{
  int fd = *(int *) arg;
  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  while (!corpus_stop)
    {
      if (poll (&pfd, 1, 100) <= 0)
	continue;
      char buf[256], out[8];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      measured++;
      out[0] = (char) ('0' + n / 100);
      out[1] = (char) ('0' + n / 10 % 10);
      out[2] = (char) ('0' + n % 10);
      sendto (fd, out, 3, 0, (struct sockaddr *) &peer, peer_len);
    }
  return NULL;
}

static long
echo (const char *req, size_t len, char *out)
{
  if (len > 200)
    len = 200;
  echoed++;
  memcpy (out, "main: ", 6);
  memcpy (out + 6, req, len);
  return (long) len + 6;
}

int
main (int argc, char **argv)
{
  int a = corpus_open (argc, argv, 0);
  static int b;
  b = corpus_open (argc, argv, 1);
  sigset_t all, old;
  sigfillset (&all);
  pthread_sigmask (SIG_BLOCK, &all, &old);
  pthread_t t;
  pthread_create (&t, NULL, length_loop, &b);
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  CORPUS_SERVE (a, echo);
  pthread_join (t, NULL);
  printf ("echoed %lu measured %lu\n", echoed, measured);
  return 0;
}
