/* tcp-client: play requests to a TCP server over many connections and
   record its replies.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The TCP run tests (offload.tcp) start a server as built without
   offload and as split by it, and compare what each answered on every
   connection.  Each connection draws its requests from the request list
   with its own seeded generator, so two runs send the same bytes on the
   same connection.  What is under test is how the bytes are cut:

     lockstep   one request in flight per connection; with --cut P, a
                request is sent in two pieces, a millisecond apart,
                with probability P percent;
     pipelined  every request of the connection at once, in pieces of
                1 to 48 bytes cut anywhere, with short pauses, while the
                replies are read;
     rate       --seconds S: DEPTH requests in flight per connection for
                S seconds; prints requests per second (the benchmark).

   Framing: --frame line sends each request with a newline and counts
   replies by newlines; --frame len16 sends a two-byte big-endian length
   before each request and reads replies framed the same way.

   --aborts N first opens N connections that send half a request and then
   close (even ones) or reset (odd ones), so that the server meets both
   in the middle of a message before the real run.

   The transcript (stdout) is "== conn I" and the bytes of connection I's
   replies, for every connection in order.  Exit status 0 when every
   connection got all its replies, 1 otherwise.  */

#define _GNU_SOURCE 1

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 256
#define MAX_REQUESTS 64
#define MAX_LINE 512

struct conn
{
  int fd;
  unsigned int seed;
  long sent, answered;		/* requests */
  unsigned char *out;		/* bytes still to send */
  size_t out_len, out_off;
  double send_after;		/* monotonic seconds */
  unsigned char *in;		/* replies received */
  size_t in_len, in_cap;
  size_t parsed;		/* bytes of IN counted as replies */
};

static char *requests[MAX_REQUESTS];
static int n_requests;
static const char *opt_addr = "127.0.0.1";
static int opt_port;
static int opt_conns = 1;
static long opt_requests = 100;
static unsigned int opt_seed = 1;
static const char *opt_mode = "lockstep";
static bool opt_len16;
static int opt_cut;
static int opt_aborts;
static double opt_seconds;
static int opt_depth = 1;
static double opt_timeout = 10;

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die (const char *what)
{
  perror (what);
  exit (2);
}

static int
connect_one (void)
{
  struct sockaddr_in sa;
  int fd = socket (AF_INET, SOCK_STREAM, 0), one = 1;
  if (fd < 0)
    die ("socket");
  memset (&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons (opt_port);
  if (inet_pton (AF_INET, opt_addr, &sa.sin_addr) != 1)
    die ("address");
  if (connect (fd, (struct sockaddr *) &sa, sizeof sa) < 0)
    die ("connect");
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

/* Append request K, framed, to C's output.  */
static void
queue_request (struct conn *c, int k)
{
  size_t len = strlen (requests[k]);
  size_t need = c->out_len + len + 2;
  c->out = realloc (c->out, need);
  if (!c->out)
    die ("realloc");
  if (opt_len16)
    {
      c->out[c->out_len++] = len >> 8;
      c->out[c->out_len++] = len & 0xff;
      memcpy (c->out + c->out_len, requests[k], len);
      c->out_len += len;
    }
  else
    {
      memcpy (c->out + c->out_len, requests[k], len);
      c->out_len += len;
      c->out[c->out_len++] = '\n';
    }
  c->sent++;
}

/* Count the complete replies in C's input.  */
static void
count_replies (struct conn *c)
{
  while (c->parsed < c->in_len)
    {
      if (opt_len16)
	{
	  if (c->in_len - c->parsed < 2)
	    return;
	  size_t len = (c->in[c->parsed] << 8) | c->in[c->parsed + 1];
	  if (c->in_len - c->parsed < 2 + len)
	    return;
	  c->parsed += 2 + len;
	}
      else
	{
	  unsigned char *nl = memchr (c->in + c->parsed, '\n',
				      c->in_len - c->parsed);
	  if (!nl)
	    return;
	  c->parsed = nl - c->in + 1;
	}
      c->answered++;
    }
}

static void
open_aborts (void)
{
  for (int i = 0; i < opt_aborts; i++)
    {
      int fd = connect_one ();
      const char *r = requests[i % n_requests];
      size_t half = strlen (r) / 2 + 1;
      if (opt_len16)
	{
	  unsigned char hdr[2] = { strlen (r) >> 8, strlen (r) & 0xff };
	  if (write (fd, hdr, 2) != 2)
	    die ("write");
	}
      if (write (fd, r, half) != (ssize_t) half)
	die ("write");
      usleep (2000);
      if (i & 1)
	{
	  struct linger l = { 1, 0 };
	  setsockopt (fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	}
      close (fd);
    }
  usleep (20000);
}

/* Send what C may send now.  */
static void
pump_out (struct conn *c, bool pipelined, double t)
{
  while (c->out_off < c->out_len && t >= c->send_after)
    {
      size_t n = c->out_len - c->out_off;
      if (pipelined)
	{
	  size_t piece = 1 + rand_r (&c->seed) % 48;
	  if (piece < n)
	    n = piece;
	  if (rand_r (&c->seed) % 4 == 0)
	    c->send_after = t + (rand_r (&c->seed) % 1000) / 1e6;
	}
      else if (opt_cut && c->out_off == 0 && n > 1
	       && (int) (rand_r (&c->seed) % 100) < opt_cut)
	{
	  n = 1 + rand_r (&c->seed) % (n - 1);
	  c->send_after = t + 0.001;
	}
      ssize_t w = send (c->fd, c->out + c->out_off, n, MSG_NOSIGNAL);
      if (w < 0 && errno == EAGAIN)
	return;
      if (w < 0)
	die ("send");
      c->out_off += w;
      if (c->out_off == c->out_len)
	c->out_off = c->out_len = 0;
    }
}

int
main (int argc, char **argv)
{
  static const struct option longopts[] = {
    { "address", required_argument, NULL, 'a' },
    { "port", required_argument, NULL, 'p' },
    { "conns", required_argument, NULL, 'c' },
    { "requests", required_argument, NULL, 'n' },
    { "seed", required_argument, NULL, 's' },
    { "mode", required_argument, NULL, 'm' },
    { "frame", required_argument, NULL, 'f' },
    { "cut", required_argument, NULL, 'x' },
    { "aborts", required_argument, NULL, 'A' },
    { "seconds", required_argument, NULL, 'S' },
    { "depth", required_argument, NULL, 'd' },
    { "timeout", required_argument, NULL, 't' },
    { NULL, 0, NULL, 0 }
  };
  int opt;
  while ((opt = getopt_long (argc, argv, "", longopts, NULL)) != -1)
    switch (opt)
      {
      case 'a': opt_addr = optarg; break;
      case 'p': opt_port = atoi (optarg); break;
      case 'c': opt_conns = atoi (optarg); break;
      case 'n': opt_requests = atol (optarg); break;
      case 's': opt_seed = atoi (optarg); break;
      case 'm': opt_mode = optarg; break;
      case 'f': opt_len16 = strcmp (optarg, "len16") == 0; break;
      case 'x': opt_cut = atoi (optarg); break;
      case 'A': opt_aborts = atoi (optarg); break;
      case 'S': opt_seconds = atof (optarg); break;
      case 'd': opt_depth = atoi (optarg); break;
      case 't': opt_timeout = atof (optarg); break;
      default:
	fprintf (stderr, "usage: tcp-client --port P [options] REQUEST-LIST\n");
	return 2;
      }
  if (optind != argc - 1 || opt_port <= 0 || opt_conns < 1
      || opt_conns > MAX_CONNS || opt_depth < 1)
    {
      fprintf (stderr, "usage: tcp-client --port P [options] REQUEST-LIST\n");
      return 2;
    }
  FILE *f = fopen (argv[optind], "r");
  if (!f)
    die (argv[optind]);
  char line[MAX_LINE];
  while (n_requests < MAX_REQUESTS && fgets (line, sizeof line, f))
    {
      line[strcspn (line, "\n")] = '\0';
      if (line[0] && line[0] != '#')
	requests[n_requests++] = strdup (line);
    }
  fclose (f);
  if (!n_requests)
    {
      fprintf (stderr, "tcp-client: no requests in %s\n", argv[optind]);
      return 2;
    }

  open_aborts ();
  bool pipelined = strcmp (opt_mode, "pipelined") == 0;
  bool rate = opt_seconds > 0;
  static struct conn conns[MAX_CONNS];
  struct pollfd pfds[MAX_CONNS];
  for (int i = 0; i < opt_conns; i++)
    {
      conns[i].fd = connect_one ();
      conns[i].seed = opt_seed * 7919 + i;
      if (pipelined)
	for (long k = 0; k < opt_requests; k++)
	  queue_request (&conns[i], rand_r (&conns[i].seed) % n_requests);
    }
  double start = now (), deadline = start + (rate ? opt_seconds
					      : opt_timeout);
  long total = 0;
  for (;;)
    {
      double t = now ();
      bool done = true;
      for (int i = 0; i < opt_conns; i++)
	{
	  struct conn *c = &conns[i];
	  if (!pipelined)
	    while (c->sent - c->answered < (rate ? opt_depth : 1)
		   && (rate || c->sent < opt_requests)
		   && c->out_len == 0)
	      queue_request (c, rand_r (&c->seed) % n_requests);
	  pump_out (c, pipelined, t);
	  pfds[i].fd = c->fd;
	  pfds[i].events = POLLIN | (c->out_len ? POLLOUT : 0);
	  if (rate || c->answered < opt_requests)
	    done = false;
	}
      if (done || t >= deadline)
	break;
      if (poll (pfds, opt_conns, 1) < 0)
	die ("poll");
      for (int i = 0; i < opt_conns; i++)
	{
	  struct conn *c = &conns[i];
	  if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR)))
	    continue;
	  if (c->in_cap - c->in_len < 65536)
	    {
	      c->in_cap = c->in_cap * 2 + 65536;
	      c->in = realloc (c->in, c->in_cap);
	      if (!c->in)
		die ("realloc");
	    }
	  ssize_t r = recv (c->fd, c->in + c->in_len, c->in_cap - c->in_len,
			    MSG_DONTWAIT);
	  if (r <= 0)
	    {
	      if (r < 0 && errno == EAGAIN)
		continue;
	      fprintf (stderr, "tcp-client: connection %d: %s after %ld "
		       "replies\n", i, r ? strerror (errno) : "closed",
		       c->answered);
	      return 1;
	    }
	  c->in_len += r;
	  long before = c->answered;
	  count_replies (c);
	  total += c->answered - before;
	  if (rate)
	    {
	      /* Keep only the unparsed tail: a rate run is long.  */
	      memmove (c->in, c->in + c->parsed, c->in_len - c->parsed);
	      c->in_len -= c->parsed;
	      c->parsed = 0;
	    }
	}
    }
  if (rate)
    {
      printf ("%.0f\n", total / (now () - start));
      return 0;
    }
  int status = 0;
  for (int i = 0; i < opt_conns; i++)
    {
      printf ("== conn %d\n", i);
      fwrite (conns[i].in, 1, conns[i].in_len, stdout);
      if (conns[i].answered < opt_requests)
	{
	  fprintf (stderr, "tcp-client: connection %d: %ld of %ld replies\n",
		   i, conns[i].answered, opt_requests);
	  status = 1;
	}
    }
  return status;
}
