/* A UDP echo server without poll, select or epoll: it blocks in
   recvfrom.  A blocking receive loop is reported, but it is not an event
   loop, so there are no paths and nothing to offload.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main (void) /* { dg-message "nothing to offload: no event loop found" } */
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
  addr.sin_port = htons (9015);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }
  for (;;)
    {
      char buf[256];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0, /* { dg-message "blocking receive loop without poll, select or epoll: not an event loop" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	{
	  perror ("recvfrom");
	  continue;
	}
      if (sendto (fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, peer_len) < 0)
	perror ("sendto");
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9015 } } */
/* { dg-final { offload-report-count event_loops 0 } } */
/* { dg-final { offload-report-count blocking_loops 1 } } */
/* { dg-final { scan-offload-report-value blocking_loops.0.function main } } */
/* { dg-final { scan-offload-report-value blocking_loops.0.receive.call recvfrom } } */
/* { dg-final { scan-offload-report-value blocking_loops.0.receive.location {.*blocking-loop\.c:38} } } */
/* { dg-final { offload-report-count paths 0 } } */
