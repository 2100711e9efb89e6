/* One socket-making helper called twice, for two ports: one socket ()
   call serves two services, told apart by the helper's call sites
   (created_via).  */
/* { dg-do link } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
make_socket (uint16_t port)
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
  int a = make_socket (9013);
  int b = make_socket (9014);
  if (a < 0 || b < 0)
    {
      perror ("make_socket");
      return 1;
    }
  struct pollfd fds[2] = {
    { .fd = a, .events = POLLIN },
    { .fd = b, .events = POLLIN },
  };
  for (;;)
    {
      if (poll (fds, 2, -1) < 0)
	{
	  perror ("poll");
	  return 1;
	}
      for (int i = 0; i < 2; i++)
	{
	  if (!(fds[i].revents & POLLIN))
	    continue;
	  char buf[128];
	  struct sockaddr_in peer;
	  socklen_t peer_len = sizeof peer;
	  ssize_t n = recvfrom (fds[i].fd, buf, sizeof buf, 0,
				(struct sockaddr *) &peer, &peer_len);
	  if (n < 0)
	    continue;
	  sendto (fds[i].fd, buf, (size_t) n, 0,
		  (struct sockaddr *) &peer, peer_len);
	}
    }
}

/* { dg-final { offload-report-count services 2 } } */
/* { dg-final { scan-offload-report-value services.0.socket {.*make-socket-twice\.c:18} } } */
/* { dg-final { scan-offload-report-value services.1.socket {.*make-socket-twice\.c:18} } } */
/* { dg-final { scan-offload-report-value services.*.created_via {.*make-socket-twice\.c:37} } } */
/* { dg-final { scan-offload-report-value services.*.created_via {.*make-socket-twice\.c:38} } } */
/* { dg-final { scan-offload-report-value services.*.port 9013 } } */
/* { dg-final { scan-offload-report-value services.*.port 9014 } } */
/* { dg-final { scan-offload-report-value services.*.bind {.*make-socket-twice\.c:26} } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
