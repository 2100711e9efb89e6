/* echo-dual-stack: echo-prefix on one IPv6 socket that also takes IPv4
   (IPV6_V6ONLY off), so that the generated program's IPv6 and
   v4-mapped service paths meet xdp-diff --family 6 and its fuzzer.

   Request: any datagram (at most 256 bytes are read).  Reply: "echo: "
   followed by the request bytes.  State: the number of requests
   answered and of payload bytes echoed, printed on exit.

   Usage: echo-dual-stack PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* Port 19101 is echo-prefix's too: the two run one after the other.  */
/* { dg-final { offload-bpf-diff 19101 "" 6 } } */


#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RECV_SIZE 256
#define REPLY_SIZE 512

static const char reply_prefix[] = "echo: ";

/* Statistics, printed when the server stops.  */
static unsigned long requests_answered;
static unsigned long bytes_echoed;

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

/* Write the reply to the LEN-byte request REQ into OUT, which has room
   for OUT_SIZE bytes; return the reply length.  */
static size_t
build_echo (const char *req, size_t len, char *out, size_t out_size)
{
  size_t prefix_len = strlen (reply_prefix);
  if (out_size < prefix_len)
    return 0;
  memcpy (out, reply_prefix, prefix_len);
  size_t room = out_size - prefix_len;
  if (len > room)
    len = room;
  memcpy (out + prefix_len, req, len);
  return prefix_len + len;
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

  int fd = socket (AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  int one = 1, zero = 0;
  if (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
      || setsockopt (fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero) < 0)
    {
      perror ("setsockopt");
      return 1;
    }
  struct sockaddr_in6 addr;
  memset (&addr, 0, sizeof addr);
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_any;
  addr.sin6_port = htons ((uint16_t) port);
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

      char buf[RECV_SIZE];
      struct sockaddr_in6 peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;

      char reply[REPLY_SIZE];
      size_t reply_len = build_echo (buf, (size_t) n, reply, sizeof reply);
      requests_answered++;
      bytes_echoed += reply_len - strlen (reply_prefix);
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  printf ("requests %lu\nbytes %lu\n", requests_answered, bytes_echoed);
  close (fd);
  return 0;
}
