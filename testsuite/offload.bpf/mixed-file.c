/* mixed-file: a UDP server with commands answered from memory and one
   that writes to a file.

   Requests (one per datagram, an optional trailing "\n" or "\r\n"):
     PING       ->  "PONG\n"
     GET n      ->  "VALUE v\n", v the n-th entry (0-15) of a table;
		    "ERR range\n" if n is out of range
     LOG text   ->  appends TEXT and a newline to the log file, then
		    "LOGGED\n" (or "ERR log\n" if the file cannot be
		    opened)
   Anything else gets "ERR syntax\n".  On exit the server prints its
   request counters.

   Usage: mixed-file PORT [LOGFILE]   (LOGFILE defaults to /dev/null)  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { scan-offload-report-value paths.*.verdict infeasible } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls 'fopen' \(mixed-file\.c:[0-9]+\): file I/O cannot run in BPF} } } */
/* { dg-final { scan-offload-report-value paths.*.reasons.* {calls 'fprintf' \(mixed-file\.c:[0-9]+\): formatted output cannot run in BPF} } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19107 } } */


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

#define TABLE_SIZE 16

/* The first 16 primes.  */
static unsigned int table[TABLE_SIZE] = {
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53
};

static const char *log_path = "/dev/null";

/* Request counters, printed on exit.  */
static unsigned long n_ping, n_get, n_logged, n_errors;

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

/* Parse the LEN bytes at P as an unsigned decimal number of at most 9
   digits.  Return 0 and set *VALUE, or -1.  */
static int
parse_uint (const char *p, size_t len, unsigned int *value)
{
  if (len == 0 || len > 9)
    return -1;
  unsigned int v = 0;
  for (size_t i = 0; i < len; i++)
    {
      if (p[i] < '0' || p[i] > '9')
	return -1;
      v = v * 10 + (unsigned int) (p[i] - '0');
    }
  *value = v;
  return 0;
}

/* Write V in decimal to OUT (room for 10 digits); return the length.  */
static size_t
format_uint (char *out, unsigned int v)
{
  char digits[10];
  size_t n = 0;
  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  for (size_t i = 0; i < n; i++)
    out[i] = digits[n - 1 - i];
  return n;
}

/* Append the LEN bytes at TEXT and a newline to the log file.  Return 0,
   or -1 if the file cannot be written.  */
static int
append_log (const char *text, size_t len)
{
  FILE *f = fopen (log_path, "a");
  if (f == NULL)
    return -1;
  fprintf (f, "%.*s\n", (int) len, text);
  if (fclose (f) != 0)
    return -1;
  return 0;
}

/* Copy the string S to OUT, without its terminating NUL; return its
   length.  */
static size_t
put_string (char *out, const char *s)
{
  size_t n = strlen (s);
  memcpy (out, s, n);
  return n;
}

/* Answer the LEN-byte request REQ into OUT (at least 32 bytes); return
   the reply length.  */
static size_t
handle_request (const char *req, size_t len, char *out)
{
  if (len > 0 && req[len - 1] == '\n')
    len--;
  if (len > 0 && req[len - 1] == '\r')
    len--;

  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      n_ping++;
      return put_string (out, "PONG\n");
    }

  if (len > 4 && memcmp (req, "GET ", 4) == 0)
    {
      unsigned int index;
      if (parse_uint (req + 4, len - 4, &index) < 0)
	{
	  n_errors++;
	  return put_string (out, "ERR syntax\n");
	}
      if (index >= TABLE_SIZE)
	{
	  n_errors++;
	  return put_string (out, "ERR range\n");
	}
      n_get++;
      size_t pos = put_string (out, "VALUE ");
      pos += format_uint (out + pos, table[index]);
      out[pos++] = '\n';
      return pos;
    }

  if (len > 4 && memcmp (req, "LOG ", 4) == 0)
    {
      if (append_log (req + 4, len - 4) < 0)
	{
	  n_errors++;
	  return put_string (out, "ERR log\n");
	}
      n_logged++;
      return put_string (out, "LOGGED\n");
    }

  n_errors++;
  return put_string (out, "ERR syntax\n");
}

int
main (int argc, char **argv)
{
  if (argc != 2 && argc != 3)
    {
      fprintf (stderr, "usage: %s PORT [LOGFILE]\n", argv[0]);
      return 2;
    }
  int port = parse_port (argv[1]);
  if (port < 0)
    {
      fprintf (stderr, "%s: invalid port '%s'\n", argv[0], argv[1]);
      return 2;
    }
  if (argc == 3)
    log_path = argv[2];

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

      char buf[256];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;

      char reply[32];
      size_t reply_len = handle_request (buf, (size_t) n, reply);
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  printf ("ping %lu\nget %lu\nlogged %lu\nerrors %lu\n",
	  n_ping, n_get, n_logged, n_errors);
  close (fd);
  return 0;
}
