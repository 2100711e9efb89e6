/* A TCP server that reads each message in two reads on its connection:
   the two-byte length, then the body.  The kernel sees one chunk of the
   stream at a time and frames it only through the program's own parsing
   of one read, so these paths cannot be framed: refused with that
   reason, and nothing is generated.  */
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
  addr.sin_port = htons (9012);
  if (bind (lfd, (struct sockaddr *) &addr, sizeof addr) < 0
      || listen (lfd, 8) < 0)
    {
      perror ("bind");
      return 1;
    }
  int cfd = accept (lfd, NULL, NULL);
  struct pollfd pfd = { cfd, POLLIN, 0 };
  for (;;)
    {
      if (poll (&pfd, 1, -1) < 0) /* { dg-message "event loop waits here \\('poll'\\)" } */
	return 1;
      uint8_t hdr[2];
      if (read (cfd, hdr, sizeof hdr) != 2) /* { dg-message "request path \[0-9\]+ begins here \\('read'\\)" } */
	return 0;
      char body[256];
      size_t len = hdr[0] << 8 | hdr[1];
      if (len > sizeof body)
	return 1;
      ssize_t n = read (cfd, body, len); /* { dg-message "stays in userspace: receives again on the connection .*: the kernel cannot frame such messages" } */
      if (n > 0)
	write (cfd, body, n); /* { dg-message "reply of request path \[0-9\]+ \\('write'\\)" } */
    }
}

/* { dg-final { offload-report-count services 1 } } */
/* { dg-final { scan-offload-report-value services.0.protocol tcp } } */
/* { dg-final { scan-offload-report-value paths.*.verdict infeasible } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {receives again on the connection \(tcp-two-reads\.c:51\): the kernel cannot frame such messages.*} } } */
/* { dg-final { scan-offload-report-not {"verdict": "offloaded"} } } */
/* { dg-final { offload-report-count programs 0 } } */
