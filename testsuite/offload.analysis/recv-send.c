/* A TCP line-echo server around poll: accept on the listening socket,
   recv and send on the connections.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 32

int
main (void)
{
  int lfd = socket (AF_INET, SOCK_STREAM, 0);
  if (lfd < 0)
    {
      perror ("socket");
      return 1;
    }
  int one = 1;
  setsockopt (lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (9003);
  if (bind (lfd, (struct sockaddr *) &addr, sizeof addr) < 0
      || listen (lfd, 16) < 0)
    {
      perror ("bind/listen");
      return 1;
    }

  struct pollfd fds[1 + MAX_CLIENTS];
  int nfds = 1;
  fds[0].fd = lfd;
  fds[0].events = POLLIN;
  for (;;)
    {
      if (poll (fds, nfds, -1) < 0) /* { dg-message "event loop waits here \\('poll'\\)" } */
	{
	  perror ("poll");
	  return 1;
	}
      if ((fds[0].revents & POLLIN) && nfds < 1 + MAX_CLIENTS)
	{
	  int cfd = accept (lfd, NULL, NULL);
	  if (cfd >= 0)
	    {
	      fds[nfds].fd = cfd;
	      fds[nfds].events = POLLIN;
	      nfds++;
	    }
	}
      for (int i = 1; i < nfds; i++)
	{
	  if (!(fds[i].revents & (POLLIN | POLLHUP)))
	    continue;
	  char buf[256];
	  ssize_t n = recv (fds[i].fd, buf, sizeof buf, 0); /* { dg-message "request path \[0-9\]+ begins here \\('recv'\\)" } */
	  if (n <= 0)
	    {
	      close (fds[i].fd);
	      fds[i] = fds[--nfds];
	      i--;
	      continue;
	    }
	  if (send (fds[i].fd, buf, n, MSG_NOSIGNAL) < 0) /* { dg-message "reply of request path \[0-9\]+ \\('send'\\)" } */
	    perror ("send");
	}
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.protocol tcp } } */
/* { dg-final { scan-offload-report-value services.0.port 9003 } } */
/* { dg-final { scan-offload-report-value paths.*.receive.call recv } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.call send } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
