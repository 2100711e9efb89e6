/* A UDP echo server on IPv6, bound to in6addr_any.  */
/* { dg-do link } */

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
  int fd = socket (AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in6 addr;
  memset (&addr, 0, sizeof addr);
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_any;
  addr.sin6_port = htons (9022);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  for (;;)
    {
      if (poll (&pfd, 1, -1) < 0)
	{
	  perror ("poll");
	  return 1;
	}
      char buf[256];
      struct sockaddr_in6 peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      sendto (fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, peer_len);
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.family ipv6 } } */
/* { dg-final { scan-offload-report-value services.0.address :: } } */
/* { dg-final { scan-offload-report-value services.0.port 9022 } } */
/* { dg-final { scan-offload-report-value services.0.protocol udp } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
