/* loop-mix: a UDP server whose commands differ in how much looping they
   do, for the benefit model (the manual, "Benefit").

   Requests, each optionally ending in "\n":
     PING         -> "PONG\n"
     SUM <bytes>  -> "SUM " + 8 hex digits of the sum of the bytes after
		     "SUM ", one loop round per byte: as many rounds as
		     the request is long
     SPIN         -> "SPIN " + 8 hex digits of a hash mixed 1000 times:
		     more rounds than the kernel's loop bound, always
     anything else -> "ERR\n"
   State: the number of requests answered, printed on exit.

   With the built-in costs the plugin offloads PING, SUM and ERR, and
   leaves SPIN out as not beneficial: the kernel would give each SPIN up
   at the loop bound after paying for the rounds before it.  Trained on
   long SUM requests (-fprofile-use), SUM goes the same way.

   Usage: loop-mix PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value mode auto } } */
/* { dg-final { scan-offload-report-value costs built-in } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { scan-offload-report-value paths.*.verdict not-beneficial } } */
/* { dg-final { scan-offload-report {"reasons": \["is not worth offloading \(loop-mix.c:[0-9]+\): its loop \(loop-mix.c:[0-9]+\) runs [0-9.]+ rounds per entry \(estimated\), over the loop bound 32} } } */
/* { dg-final { scan-offload-report-not {"verdict": "infeasible"} } } */
/* { dg-final { scan-offload-report-value services.0.hook xdp } } */
/* { dg-final { scan-offload-report-value decisions.0.gain_ns {[0-9.]+} } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19109 } } */

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
#define SPIN_ROUNDS 1000

static unsigned long requests_answered;
static volatile sig_atomic_t stop_requested;

static void
on_signal (int sig)
{
  (void) sig;
  stop_requested = 1;
}

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

/* Write WORD's 8 hex digits to OUT.  */
static void
put_hex (uint32_t word, char *out)
{
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 8; i++)
    out[i] = digits[(word >> (28 - 4 * i)) & 0xf];
}

/* The sum of the LEN bytes at DATA.  */
static uint32_t
byte_sum (const unsigned char *data, size_t len)
{
  uint32_t sum = 0;
  for (size_t i = 0; i < len; i++)
    sum += data[i];
  return sum;
}

/* A hash of SEED mixed SPIN_ROUNDS times.  */
static uint32_t
spin_hash (uint32_t seed)
{
  uint32_t h = 2166136261u ^ seed;
  for (int i = 0; i < SPIN_ROUNDS; i++)
    h = (h ^ (uint32_t) i) * 16777619u;
  return h;
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
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);

  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  int one = 1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
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

      unsigned char buf[RECV_SIZE];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      size_t len = (size_t) n;
      if (len > 0 && buf[len - 1] == '\n')
	len--;

      char reply[16];
      size_t reply_len;
      if (len == 4 && memcmp (buf, "PING", 4) == 0)
	{
	  memcpy (reply, "PONG\n", 5);
	  reply_len = 5;
	}
      else if (len >= 4 && memcmp (buf, "SUM ", 4) == 0)
	{
	  memcpy (reply, "SUM ", 4);
	  put_hex (byte_sum (buf + 4, len - 4), reply + 4);
	  reply[12] = '\n';
	  reply_len = 13;
	}
      else if (len == 4 && memcmp (buf, "SPIN", 4) == 0)
	{
	  memcpy (reply, "SPIN ", 5);
	  put_hex (spin_hash ((uint32_t) len), reply + 5);
	  reply[13] = '\n';
	  reply_len = 14;
	}
      else
	{
	  memcpy (reply, "ERR\n", 4);
	  reply_len = 4;
	}
      requests_answered++;
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  printf ("requests %lu\n", requests_answered);
  close (fd);
  return 0;
}
