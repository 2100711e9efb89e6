/* A UDP echo server around poll: one event loop, one service, a reply
   path and a drop path (a failed receive).  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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
  addr.sin_port = htons (9000);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      close (fd);
      return 1;
    }

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  for (;;)
    {
      int ready = poll (&pfd, 1, -1); /* { dg-message "event loop waits here \\('poll'\\)" } */
      if (ready < 0)
	{
	  perror ("poll");
	  break;
	}
      if (!(pfd.revents & POLLIN))
	continue;

      char buf[512];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      if (sendto (fd, buf, n, 0, (struct sockaddr *) &peer, peer_len) < 0) /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	perror ("sendto");
    }
  close (fd);
  return 1;
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.protocol udp } } */
/* { dg-final { scan-offload-report-value services.0.family ipv4 } } */
/* { dg-final { scan-offload-report-value services.0.address 0\\.0\\.0\\.0 } } */
/* { dg-final { scan-offload-report-value services.0.port 9000 } } */
/* { dg-final { scan-offload-report-value services.0.created_via null } } */
/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.function main } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call poll } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.location {.*poll-udp\.c:38} } } */
/* { dg-final { offload-report-count blocking_loops 0 } } */
/* { dg-final { scan-offload-report-value paths.*.receive.call recvfrom } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.call sendto } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.event_loop 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
