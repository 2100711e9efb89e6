/* A UDP echo server around pselect with a timeout: an idle tick does
   not end a request path.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static unsigned long idle_ticks;

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
  addr.sin_port = htons (9021);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }
  sigset_t mask;
  sigemptyset (&mask);

  for (;;)
    {
      fd_set rd;
      FD_ZERO (&rd);
      FD_SET (fd, &rd);
      struct timespec tick = { 1, 0 };
      int r = pselect (fd + 1, &rd, NULL, NULL, &tick, &mask); /* { dg-message "event loop waits here \\('pselect'\\)" } */
      if (r < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("pselect");
	  return 1;
	}
      if (r == 0)
	{
	  idle_ticks++;
	  continue;
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
}

/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call pselect } } */
/* { dg-final { scan-offload-report-value services.0.port 9021 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
