/* A UDP echo server around epoll_pwait with a signal mask.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
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
  addr.sin_port = htons (9020);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }
  int ep = epoll_create1 (0);
  struct epoll_event ev;
  memset (&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (ep < 0 || epoll_ctl (ep, EPOLL_CTL_ADD, fd, &ev) < 0)
    {
      perror ("epoll");
      return 1;
    }
  sigset_t mask;
  sigemptyset (&mask);

  for (;;)
    {
      struct epoll_event ready[4];
      int n = epoll_pwait (ep, ready, 4, -1, &mask); /* { dg-message "event loop waits here \\('epoll_pwait'\\)" } */
      if (n < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("epoll_pwait");
	  return 1;
	}
      for (int i = 0; i < n; i++)
	{
	  char buf[256];
	  struct sockaddr_in peer;
	  socklen_t peer_len = sizeof peer;
	  ssize_t len = recvfrom (ready[i].data.fd, buf, sizeof buf, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
				  (struct sockaddr *) &peer, &peer_len);
	  if (len < 0)
	    continue;
	  sendto (ready[i].data.fd, buf, (size_t) len, 0, /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
		  (struct sockaddr *) &peer, peer_len);
	}
    }
}

/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call epoll_pwait } } */
/* { dg-final { scan-offload-report-value services.0.port 9020 } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
