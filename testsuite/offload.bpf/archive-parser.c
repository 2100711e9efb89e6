/* archive-parser: a UDP integer calculator whose protocol code lives in
   a separate library (archive-parser-lib.c, archive-parser.h), which the
   test suite builds into a static -flto archive.

   Requests (one per datagram, an optional trailing "\n" or "\r\n"):
     ADD a b | SUB a b | MUL a b | DIV a b
   with a and b decimal 32-bit integers.  Reply: the result in decimal
   and "\n" (DIV truncates toward zero); "ERR syntax\n" for a malformed
   request, "ERR division by zero\n" for DIV x 0.  On exit the server
   prints how many times each operation ran, the number of errors and the
   last result.

   Usage: archive-parser PORT  */
/* { dg-archive-sources "archive-parser-lib.c" } */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { scan-offload-report-value paths.*.functions.* calc_parse } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19105 } } */


#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "archive-parser.h"

static const char syntax_error[] = "ERR syntax\n";
static const char div_zero_error[] = "ERR division by zero\n";

/* Server state, printed on exit.  */
static unsigned long op_count[CALC_N_OPS];
static unsigned long error_count;
static int64_t last_result;

static volatile sig_atomic_t stop_requested;

static void
on_signal (int sig)
{
  (void) sig;
  stop_requested = 1;
}

/* Return the port number in ARG, or -1 if ARG is not a valid port.  */
static int
parse_port (const char *arg)
{
  char *end;
  errno = 0;
  long port = strtol (arg, &end, 10);
  if (errno != 0 || end == arg || *end != '\0' || port < 1 || port > 65535)
    return -1;
  return (int) port;
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PORT\n", argv[0]);
      return 2;
    }
  int port = parse_port (argv[1]);
  if (port < 0)
    {
      fprintf (stderr, "%s: invalid port '%s'\n", argv[0], argv[1]);
      return 2;
    }

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = 0;		/* no SA_RESTART: poll must see EINTR */
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);

  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  int one = 1;
  if (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    {
      perror ("setsockopt");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons ((uint16_t) port);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  printf ("ready\n");
  fflush (stdout);

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  while (!stop_requested)
    {
      if (poll (&pfd, 1, -1) < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("poll");
	  return 1;
	}
      if (!(pfd.revents & POLLIN))
	continue;

      char buf[64];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;

      struct calc_request req;
      if (calc_parse (buf, (size_t) n, &req) < 0)
	{
	  error_count++;
	  sendto (fd, syntax_error, strlen (syntax_error), 0,
		  (struct sockaddr *) &peer, peer_len);
	  continue;
	}
      int64_t result;
      if (calc_eval (&req, &result) < 0)
	{
	  error_count++;
	  sendto (fd, div_zero_error, strlen (div_zero_error), 0,
		  (struct sockaddr *) &peer, peer_len);
	  continue;
	}
      op_count[req.op]++;
      last_result = result;

      char reply[32];
      size_t len = calc_format (result, reply, sizeof reply - 1);
      reply[len++] = '\n';
      sendto (fd, reply, len, 0, (struct sockaddr *) &peer, peer_len);
    }

  for (int op = 0; op < CALC_N_OPS; op++)
    printf ("%s %lu\n", calc_op_name ((enum calc_op) op), op_count[op]);
  printf ("errors %lu\nlast %" PRId64 "\n", error_count, last_result);
  close (fd);
  return 0;
}
