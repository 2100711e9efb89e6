/* A UDP echo server with scatter/gather: recvmsg and sendmsg, the peer
   address carried in the msghdr.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
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
  addr.sin_port = htons (9006);
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
      struct iovec iov = { .iov_base = buf, .iov_len = sizeof buf };
      struct msghdr msg;
      memset (&msg, 0, sizeof msg);
      msg.msg_name = &peer;
      msg.msg_namelen = sizeof peer;
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      ssize_t n = recvmsg (fd, &msg, 0); /* { dg-message "request path \[0-9\]+ begins here \\('recvmsg'\\)" } */
      if (n < 0)
	continue;
      iov.iov_len = n;
      if (sendmsg (fd, &msg, 0) < 0) /* { dg-message "reply of request path \[0-9\]+ \\('sendmsg'\\)" } */
	perror ("sendmsg");
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.port 9006 } } */
/* { dg-final { scan-offload-report-value paths.*.receive.call recvmsg } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.call sendmsg } } */
/* { dg-final { scan-offload-report-value paths.*.end reply } } */
/* With no path the kernel can serve, nothing is generated: the program links unchanged.  */
/* { dg-final { offload-report-count programs 0 } } */
