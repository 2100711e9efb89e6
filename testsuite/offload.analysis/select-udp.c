/* A UDP time-of-day server around select: the request carries a client
   tag that the reply echoes.  */
/* { dg-do link } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct reply
{
  uint32_t tag;
  uint32_t seconds;
};

static int
open_service (uint16_t port)
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    return -1;
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (port);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

int
main (void)
{
  int fd = open_service (9001);
  if (fd < 0)
    {
      perror ("open_service");
      return 1;
    }
  for (;;)
    {
      fd_set readable;
      FD_ZERO (&readable);
      FD_SET (fd, &readable);
      if (select (fd + 1, &readable, NULL, NULL, NULL) < 0)
	{
	  perror ("select");
	  return 1;
	}
      if (!FD_ISSET (fd, &readable))
	continue;

      uint32_t tag;
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, &tag, sizeof tag, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n != (ssize_t) sizeof tag)
	continue;
      struct reply r = { tag, htonl ((uint32_t) time (NULL)) };
      sendto (fd, &r, sizeof r, 0, (struct sockaddr *) &peer, peer_len);
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9001 } } */
/* { dg-final { scan-offload-report-value services.0.protocol udp } } */
/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call select } } */
/* { dg-final { scan-offload-report-value paths.*.receive.call recvfrom } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* { dg-final { scan-offload-report-value paths.*.external_calls.* time } } */
