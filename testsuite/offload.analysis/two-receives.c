/* Two receives on one socket: a MSG_PEEK of the header, then the whole
   datagram.  Both read the same arrival, so each path has one receive,
   the first; the second is neither a new path nor an I/O operation.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct header
{
  uint16_t kind;
  uint16_t length;
};

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
  addr.sin_port = htons (9009);
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
      struct header hdr;
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, &hdr, sizeof hdr, MSG_PEEK, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < (ssize_t) sizeof hdr)
	{
	  /* Too short to peek at: consume and drop it.  */
	  char junk[1];
	  recv (fd, junk, sizeof junk, 0);
	  continue;
	}
      char body[512];
      n = recvfrom (fd, body, sizeof body, 0,
		    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      if (sendto (fd, body, (size_t) n, 0, (struct sockaddr *) &peer, peer_len) < 0) /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	perror ("sendto");
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value paths.*.receive.location {.*two-receives\.c:53} } } */
/* { dg-final { scan-offload-report-not {"two-receives\.c:(59|63)"} } } */
/* { dg-final { scan-offload-report-not {"io_ops": \[[^]]*"call"} } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* With no path the kernel can serve, nothing is generated: the program links unchanged.  */
/* { dg-final { offload-report-count programs 0 } } */
