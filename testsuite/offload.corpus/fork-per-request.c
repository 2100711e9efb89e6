/* fork-per-request: every request is served by a child process forked
   for it (the old inetd way); the parent goes back to its event loop.
   fork cannot run in BPF, and the reply comes from another process:
   the path is refused.
   Request: any -> "child: " and the request.  */
/* corpus-expect: verdict infeasible "calls 'fork'" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

static unsigned long forked;

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  /* No zombies: the children are not waited for.  */
  signal (SIGCHLD, SIG_IGN);
  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  while (!corpus_stop)
    {
      if (poll (&pfd, 1, -1) <= 0 || !(pfd.revents & POLLIN))
	continue;
      char buf[256];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0 || n > 200)
	continue;
      forked++;
      pid_t pid = fork ();
      if (pid == 0)
	{
	  char out[256];
	  memcpy (out, "child: ", 7);
	  memcpy (out + 7, buf, (size_t) n);
	  sendto (fd, out, (size_t) n + 7, 0, (struct sockaddr *) &peer,
		  peer_len);
	  /* _exit: the parent's atexit handlers (and stdio buffers) are
	     not the child's to run.  */
	  _exit (0);
	}
    }
  printf ("forked %lu\n", forked);
  return 0;
}
