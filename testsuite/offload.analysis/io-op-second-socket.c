/* A UDP echo server that also logs each request to a collector through
   a second, connected socket: that send is an I/O operation on the path,
   not its reply.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
connect_collector (void)
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    return -1;
  struct sockaddr_in to;
  memset (&to, 0, sizeof to);
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  to.sin_port = htons (9999);
  if (connect (fd, (struct sockaddr *) &to, sizeof to) < 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

int
main (void)
{
  int log_fd = connect_collector ();
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0 || log_fd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (9010);
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
      char buf[256];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      send (log_fd, buf, (size_t) n, MSG_DONTWAIT); /* { dg-message "I/O operation on another socket on request path \[0-9\]+ \\('send'\\)" } */
      if (sendto (fd, buf, (size_t) n, 0, (struct sockaddr *) &peer, peer_len) < 0) /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	perror ("sendto");
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9010 } } */
/* { dg-final { scan-offload-report-value paths.*.io_ops.*.call send } } */
/* { dg-final { scan-offload-report-value paths.*.io_ops.*.location {.*io-op-second-socket\.c:70} } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.call sendto } } */
/* { dg-final { scan-offload-report-not {"sends": \[[^]]*"call": "send"} } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
