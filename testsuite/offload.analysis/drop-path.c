/* A UDP server that silently drops requests without its magic number
   (no send before the next poll) and answers the others.  */
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

#define MAGIC 0x4f464c44u

struct msg
{
  uint32_t magic;
  uint32_t seq;
};

static uint64_t dropped;

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
  addr.sin_port = htons (9017);
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
      struct msg m;
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, &m, sizeof m, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n != (ssize_t) sizeof m || ntohl (m.magic) != MAGIC)
	{
	  dropped++;
	  continue;
	}
      m.seq = htonl (ntohl (m.seq) + 1);
      sendto (fd, &m, sizeof m, 0, (struct sockaddr *) &peer, peer_len); /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
    }
}

/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* A drop path has no sends.  */
/* { dg-final { scan-offload-report {"end": "drop",\s*"sends": \[\]} } } */
/* { dg-final { scan-offload-report-not {"end": "drop",\s*"sends": \[[^]]*"call"} } } */
/* { dg-final { scan-offload-report-not {"end": "reply",\s*"sends": \[\]} } } */
