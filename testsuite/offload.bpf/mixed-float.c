/* mixed-float: a UDP running-sum server; the integer commands are
   answered from memory, the average needs floating point.

   Requests (one per datagram, an optional trailing "\n" or "\r\n"):
     ADD n    add N (a decimal 32-bit integer, optional '-') to the sum
	      ->  "SUM s\n", the new sum
     SUM      ->  "SUM s\n"
     COUNT    ->  "COUNT c\n", the number of ADDs so far
     AVG      ->  "AVG a\n", the sum divided by the count with two
		  decimals ("%.2f"), 0.00 before the first ADD
   Anything else gets "ERROR\n".  On exit the server prints the sum, the
   count and the number of errors.

   Usage: mixed-float PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { scan-offload-report-value paths.*.verdict infeasible } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {uses floating point \(mixed-float\.c:[0-9]+\): BPF has no floating point} } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19108 } } */


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

/* Server state, printed on exit.  */
static long long sum;
static unsigned long count;
static unsigned long errors;

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

/* Parse the LEN bytes at P as a decimal int32_t with an optional '-'.
   Return 0 and set *VALUE, or -1.  */
static int
parse_int (const char *p, size_t len, int32_t *value)
{
  size_t i = 0;
  int negative = 0;
  if (len > 0 && p[0] == '-')
    {
      negative = 1;
      i = 1;
    }
  if (i == len || len - i > 10)
    return -1;
  int64_t v = 0;
  for (; i < len; i++)
    {
      if (p[i] < '0' || p[i] > '9')
	return -1;
      v = v * 10 + (p[i] - '0');
    }
  if (negative)
    v = -v;
  if (v < INT32_MIN || v > INT32_MAX)
    return -1;
  *value = (int32_t) v;
  return 0;
}

/* Write V in decimal to OUT (room for 20 bytes); return the length.  */
static size_t
format_llong (char *out, long long v)
{
  char digits[20];
  size_t n = 0;
  unsigned long long mag = v < 0 ? -(unsigned long long) v
				 : (unsigned long long) v;
  do
    {
      digits[n++] = (char) ('0' + mag % 10);
      mag /= 10;
    }
  while (mag != 0);
  size_t pos = 0;
  if (v < 0)
    out[pos++] = '-';
  while (n > 0)
    out[pos++] = digits[--n];
  return pos;
}

/* Write WORD, a space, V and a newline to OUT; return the length.  */
static size_t
format_reply (char *out, const char *word, long long v)
{
  size_t pos = strlen (word);
  memcpy (out, word, pos);
  out[pos++] = ' ';
  pos += format_llong (out + pos, v);
  out[pos++] = '\n';
  return pos;
}

/* Answer the LEN-byte request REQ into OUT (SIZE bytes, at least 32);
   return the reply length.  */
static size_t
handle_request (const char *req, size_t len, char *out, size_t size)
{
  if (len > 0 && req[len - 1] == '\n')
    len--;
  if (len > 0 && req[len - 1] == '\r')
    len--;

  if (len > 4 && memcmp (req, "ADD ", 4) == 0)
    {
      int32_t n;
      if (parse_int (req + 4, len - 4, &n) == 0)
	{
	  sum += n;
	  count++;
	  return format_reply (out, "SUM", sum);
	}
    }
  else if (len == 3 && memcmp (req, "SUM", 3) == 0)
    return format_reply (out, "SUM", sum);
  else if (len == 5 && memcmp (req, "COUNT", 5) == 0)
    return format_reply (out, "COUNT", (long long) count);
  else if (len == 3 && memcmp (req, "AVG", 3) == 0)
    {
      double avg = count > 0 ? (double) sum / (double) count : 0.0;
      int n = snprintf (out, size, "AVG %.2f\n", avg);
      if (n > 0 && (size_t) n < size)
	return (size_t) n;
    }

  errors++;
  memcpy (out, "ERROR\n", 6);
  return 6;
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

      char reply[64];
      size_t reply_len = handle_request (buf, (size_t) n, reply, sizeof reply);
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  printf ("sum %lld\ncount %lu\nerrors %lu\n", sum, count, errors);
  close (fd);
  return 0;
}
