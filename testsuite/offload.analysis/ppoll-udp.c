/* A UDP echo server around ppoll, which lets SIGTERM through only while
   waiting, so that the server stops cleanly.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_term (int sig)
{
  (void) sig;
  stop = 1;
}

int
main (void)
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (9019);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  sigset_t blocked, waiting;
  sigemptyset (&blocked);
  sigaddset (&blocked, SIGTERM);
  if (sigprocmask (SIG_BLOCK, &blocked, &waiting) < 0)
    {
      perror ("sigprocmask");
      return 1;
    }
  sigdelset (&waiting, SIGTERM);
  signal (SIGTERM, on_term);

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  while (!stop)
    {
      int r = ppoll (&pfd, 1, NULL, &waiting); /* { dg-message "event loop waits here \\('ppoll'\\)" } */
      if (r < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("ppoll");
	  return 1;
	}
      char buf[256];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      sendto (fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, peer_len); /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
    }
  close (fd);
  return 0;
}

/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call ppoll } } */
/* { dg-final { scan-offload-report-value services.0.port 9019 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
