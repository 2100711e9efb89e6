/* The receive sits in a helper function in another translation unit
   (helper-recv-aux.c); link-time analysis sees both.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */
/* { dg-additional-sources "helper-recv-aux.c" } */
/* The path begins at the recvfrom on line 13 of helper-recv-aux.c.  */
/* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" "in helper-recv-aux.c" { target *-*-* } 13 } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "helper-recv.h"

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
  addr.sin_port = htons (9007);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  for (;;)
    {
      if (poll (&pfd, 1, -1) < 0) /* { dg-message "event loop waits here \\('poll'\\)" } */
	{
	  perror ("poll");
	  return 1;
	}
      struct request req;
      if (receive_request (fd, &req) < 0)
	continue;
      if (sendto (fd, req.data, req.len, 0, /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
		  (struct sockaddr *) &req.peer, req.peer_len) < 0)
	perror ("sendto");
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value paths.*.receive.call recvfrom } } */
/* { dg-final { scan-offload-report-value paths.*.receive.location {.*helper-recv-aux\.c:13} } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* receive_request } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* main } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
