/* A UDP key-value server whose parser lives in a static LTO archive
   (dg-archive-sources): the paths run through the library's functions,
   which the report must name.  */
/* { dg-do link } */
/* { dg-archive-sources "archive-parser-lib.c" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "archive-parser.h"

static uint8_t table[256];

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
  addr.sin_port = htons (9008);
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
      char buf[64];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      struct kv_request req;
      if (parse_request (buf, (size_t) n, &req) < 0)
	continue;
      char out[8];
      size_t len = build_reply (&req, table, out, sizeof out);
      sendto (fd, out, len, 0, (struct sockaddr *) &peer, peer_len);
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9008 } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* parse_request } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* build_reply } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* main } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* { dg-final { scan-offload-report-not {"external_calls": \[[^]]*"parse_request"} } } */
