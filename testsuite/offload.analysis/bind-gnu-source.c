/* With _GNU_SOURCE, glibc declares bind's address argument as a
   transparent union (__CONST_SOCKADDR_ARG); the bound address and port
   must still be found through it.  */
/* { dg-do link } */

#define _GNU_SOURCE

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
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons (9029);
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
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      sendto (fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, peer_len);
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.family ipv4 } } */
/* { dg-final { scan-offload-report-value services.0.address 127\\.0\\.0\\.1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9029 } } */
/* { dg-final { scan-offload-report-value services.0.bind {.*bind-gnu-source\.c:30} } } */
