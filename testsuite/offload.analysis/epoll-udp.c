/* A UDP counter server around epoll_wait; the ready socket comes back
   through ev.data.fd.  Each request adds its first byte to a counter and
   gets the new value back.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 16

static uint64_t counter;

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
  addr.sin_port = htons (9002);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  int ep = epoll_create1 (0);
  if (ep < 0)
    {
      perror ("epoll_create1");
      return 1;
    }
  struct epoll_event ev;
  memset (&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (epoll_ctl (ep, EPOLL_CTL_ADD, fd, &ev) < 0)
    {
      perror ("epoll_ctl");
      return 1;
    }

  struct epoll_event events[MAX_EVENTS];
  for (;;)
    {
      int n = epoll_wait (ep, events, MAX_EVENTS, -1); /* { dg-message "event loop waits here \\('epoll_wait'\\)" } */
      if (n < 0)
	{
	  perror ("epoll_wait");
	  return 1;
	}
      for (int i = 0; i < n; i++)
	{
	  int sock = events[i].data.fd;
	  unsigned char req[64];
	  struct sockaddr_in peer;
	  socklen_t peer_len = sizeof peer;
	  ssize_t len = recvfrom (sock, req, sizeof req, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
				  (struct sockaddr *) &peer, &peer_len);
	  if (len < 1)
	    continue;
	  counter += req[0];
	  uint64_t value = counter;
	  sendto (sock, &value, sizeof value, 0, /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
		  (struct sockaddr *) &peer, peer_len);
	}
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9002 } } */
/* { dg-final { offload-report-count event_loops 1 } } */
/* { dg-final { scan-offload-report-value event_loops.0.wait_call.call epoll_wait } } */
/* { dg-final { scan-offload-report-value paths.*.service 1 } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* { dg-final { scan-offload-report-not {"service": null} } } */
