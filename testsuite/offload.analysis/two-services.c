/* Two UDP services on two ports, one poll over both: an echo service on
   9011 and a length service on 9012.  */
/* { dg-do link } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void
serve_echo (int fd)
{
  char buf[256];
  struct sockaddr_in peer;
  socklen_t peer_len = sizeof peer;
  ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			(struct sockaddr *) &peer, &peer_len);
  if (n < 0)
    return;
  sendto (fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, peer_len);
}

static void
serve_length (int fd)
{
  char buf[256];
  struct sockaddr_in peer;
  socklen_t peer_len = sizeof peer;
  ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			(struct sockaddr *) &peer, &peer_len);
  if (n < 0)
    return;
  uint32_t len = htonl ((uint32_t) n);
  sendto (fd, &len, sizeof len, 0, (struct sockaddr *) &peer, peer_len);
}

int
main (void)
{
  int echo_fd = socket (AF_INET, SOCK_DGRAM, 0);
  int len_fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (echo_fd < 0 || len_fd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (9011);
  if (bind (echo_fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind 9011");
      return 1;
    }
  addr.sin_port = htons (9012);
  if (bind (len_fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind 9012");
      return 1;
    }

  struct pollfd fds[2] = {
    { .fd = echo_fd, .events = POLLIN },
    { .fd = len_fd, .events = POLLIN },
  };
  for (;;)
    {
      if (poll (fds, 2, -1) < 0)
	{
	  perror ("poll");
	  return 1;
	}
      if (fds[0].revents & POLLIN)
	serve_echo (echo_fd);
      if (fds[1].revents & POLLIN)
	serve_length (len_fd);
    }
}

/* { dg-final { offload-report-count services 2 } } */
/* { dg-final { scan-offload-report-value services.*.port 9011 } } */
/* { dg-final { scan-offload-report-value services.*.port 9012 } } */
/* { dg-final { scan-offload-report-value services.0.created_via null } } */
/* { dg-final { scan-offload-report-value services.1.created_via null } } */
/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.service 2 } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* serve_echo } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* serve_length } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
