/* A UDP command server: the first byte of the request picks the command.
   Each command is its own path: PING, GET and INCR reply, QUIET and an
   unknown command drop; so does an empty or failed receive.  */
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

static uint32_t value;
static uint32_t quiet_count;

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
  addr.sin_port = htons (9016);
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
      unsigned char req[32];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, req, sizeof req, 0, /* { dg-message "request path \[0-9\]+ begins here \\('recvfrom'\\)" } */
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 1)
	continue;
      uint32_t out;
      switch (req[0])
	{
	case 'P':
	  sendto (fd, "PONG", 4, 0, (struct sockaddr *) &peer, peer_len); /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	  break;
	case 'G':
	  out = htonl (value);
	  sendto (fd, &out, sizeof out, 0, (struct sockaddr *) &peer, peer_len); /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	  break;
	case 'I':
	  value++;
	  out = htonl (value);
	  sendto (fd, &out, sizeof out, 0, (struct sockaddr *) &peer, peer_len); /* { dg-message "reply of request path \[0-9\]+ \\('sendto'\\)" } */
	  break;
	case 'Q':
	  quiet_count++;
	  break;
	default:
	  break;
	}
    }
}

/* One path per command (P, G, I, Q, unknown) and one for n < 1.  */
/* { dg-final { offload-report-count paths 6 } } */
/* { dg-final { scan-offload-report-value paths.0.receive.call recvfrom } } */
/* { dg-final { scan-offload-report-value paths.5.receive.call recvfrom } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.location {.*switch-commands\.c:58} } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.location {.*switch-commands\.c:62} } } */
/* { dg-final { scan-offload-report-value paths.*.sends.*.location {.*switch-commands\.c:67} } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* Three replies and three drops.  */
/* { dg-final { scan-offload-report {("end": "reply".*){3}} } } */
/* { dg-final { scan-offload-report-not {("end": "reply".*){4}} } } */
/* { dg-final { scan-offload-report {("end": "drop".*){3}} } } */
/* { dg-final { scan-offload-report-not {("end": "drop".*){4}} } } */
