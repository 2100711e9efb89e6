/* A UDP lookup server: a request is "K" and one capital key letter.  A
   malformed request gets an error reply; a well-formed one the value.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char error_reply[] = "ERR malformed\n";
static char values[26] = "abcdefghijklmnopqrstuvwxyz";

/* Return 1 if the LEN bytes at REQ are a well-formed request.  */
static int
well_formed (const unsigned char *req, size_t len)
{
  if (len != 2 || req[0] != 'K')
    return 0;
  return isupper (req[1]) != 0;
}

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
  addr.sin_port = htons (9018);
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
      unsigned char req[16];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, req, sizeof req, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      if (!well_formed (req, (size_t) n))
	{
	  sendto (fd, error_reply, sizeof error_reply - 1, 0, /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
		  (struct sockaddr *) &peer, peer_len);
	  continue;
	}
      char reply[2] = { values[req[1] - 'A'], '\n' };
      sendto (fd, reply, sizeof reply, 0, /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	      (struct sockaddr *) &peer, peer_len);
    }
}

/* Paths: a failed receive (drop), malformed requests (error reply) and
   the value reply.  */
/* { dg-final { scan-offload-report-value paths.*.sends.*.location {.*error-reply\.c:64} } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.location {.*error-reply\.c:69} } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* well_formed } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
