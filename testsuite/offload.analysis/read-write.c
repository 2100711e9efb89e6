/* A TCP upper-casing server around epoll: read and write on the
   accepted connections, whose descriptors come back in ev.data.fd.  */
/* { dg-do link } */

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static int
add_fd (int ep, int fd)
{
  struct epoll_event ev;
  memset (&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  return epoll_ctl (ep, EPOLL_CTL_ADD, fd, &ev);
}

int
main (void)
{
  int lfd = socket (AF_INET, SOCK_STREAM, 0);
  if (lfd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (9004);
  if (bind (lfd, (struct sockaddr *) &addr, sizeof addr) < 0
      || listen (lfd, 16) < 0)
    {
      perror ("bind/listen");
      return 1;
    }
  int ep = epoll_create1 (0);
  if (ep < 0 || add_fd (ep, lfd) < 0)
    {
      perror ("epoll");
      return 1;
    }

  for (;;)
    {
      struct epoll_event events[8];
      int n = epoll_wait (ep, events, 8, -1);
      if (n < 0)
	{
	  perror ("epoll_wait");
	  return 1;
	}
      for (int i = 0; i < n; i++)
	{
	  int fd = events[i].data.fd;
	  if (fd == lfd)
	    {
	      int cfd = accept (lfd, NULL, NULL);
	      if (cfd >= 0 && add_fd (ep, cfd) < 0)
		close (cfd);
	      continue;
	    }
	  char buf[128];
	  ssize_t len = read (fd, buf, sizeof buf);
	  if (len <= 0)
	    {
	      close (fd);
	      continue;
	    }
	  for (ssize_t j = 0; j < len; j++)
	    buf[j] = toupper ((unsigned char) buf[j]);
	  if (write (fd, buf, len) < 0)
	    perror ("write");
	}
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.protocol tcp } } */
/* { dg-final { scan-offload-report-value services.0.port 9004 } } */
/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call epoll_wait } } */
/* { dg-final { scan-offload-report-value paths.*.receive.call read } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.call write } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
