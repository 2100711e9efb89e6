/* udp-client: play a request file to a UDP server and record its replies.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The run tests and the demo start a server twice, as built without
   offload and as split by it, and need the same request stream played to
   both over a real network (DESIGN.md, "The correctness contract").  The
   transcript mode records what each run answered, in a form two runs can
   diff; the rate mode measures the throughput the split is meant to buy,
   checking every reply against a transcript so that speed never comes
   from wrong answers.

   UDP carries no request ids.  The transcript mode keeps one request in
   flight, so a reply belongs to the last request sent; the rate mode
   gives each in-flight request a socket of its own, so a reply belongs
   to the request outstanding on the socket it arrives on.  The batch
   mode (--batch N with --transcript) pipelines: it sends N requests back
   to back on one socket and records the replies of the batch as a
   sorted multiset, which does not depend on the order they arrive in;
   it exercises the order rule of the contract (a SET and a later GET of
   the same key in flight together).  */

#define _GNU_SOURCE 1

#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "request-file.h"

#define PROGRAM_NAME "udp-client"

/* The largest UDP payload, so that no reply is ever cut.  */
#define MAX_DATAGRAM 65536

static const char *opt_transcript;
static const char *opt_expect;
static double opt_rate = -1;
static long opt_inflight = 1;
static long opt_offered;	/* Requests per second; 0: closed loop.  */
static long opt_passes = 1;
static long opt_timeout_ms = 200;
static long opt_batch;

static struct request *requests;
static size_t n_requests;
static struct addrinfo *server;
static uint8_t reply_buf[MAX_DATAGRAM];

static void
usage (FILE *out)
{
  fprintf (out, "\
Usage: " PROGRAM_NAME " --transcript OUT [--passes N] [--timeout-ms MS]\n\
                  [--batch N] HOST PORT REQUESTS\n\
  or:  " PROGRAM_NAME " --rate SECONDS --inflight N --expect TRANSCRIPT\n\
                  [--offered R] [--timeout-ms MS] HOST PORT REQUESTS\n\
\n\
Send the datagrams of the request file REQUESTS to the UDP server at HOST\n\
(a numeric IPv4 or IPv6 address) and PORT.\n\
\n\
  --transcript OUT   send the requests one at a time, in file order, each\n\
                     after the reply to the one before or its timeout;\n\
                     write every reply to OUT (\"-\": standard output)\n\
  --passes N         play the file N times (default 1)\n\
  --batch N          with --transcript: send the requests in batches of N\n\
                     (at most 1024), back to back, all in flight together;\n\
                     wait up to MS after the last for all their replies\n\
  --rate SECONDS     cycle through the requests for SECONDS, N in flight,\n\
                     and print the rate, the wrong and missing replies and\n\
                     the latency\n\
  --inflight N       requests in flight at once (default 1; at most 1024)\n\
  --offered R        with --rate: send R requests a second on a fixed\n\
                     schedule (open loop, at most N in flight) instead of\n\
                     one as soon as a reply frees a slot; latency counts\n\
                     from the scheduled time, so a server that falls behind\n\
                     shows it (1 to 10000000)\n\
  --expect FILE      the transcript of an earlier run (its first pass):\n\
                     the right reply to each request; requests it records\n\
                     as dropped are not sent\n\
  --timeout-ms MS    how long to wait for a reply (default 200); no reply\n\
                     by then is a drop (transcript) or a missing reply\n\
                     (rate); a reply later than that is not taken for the\n\
                     reply to another request\n\
  --help             print this help and exit\n\
\n\
Request file: one request per line after 'k ', 'u ' or '* ' (the\n\
expectations of xdp-diff; ignored here), with C escapes (\\n \\r \\t \\\\\n\
\\xNN ...); lines starting with '#' are ignored.\n\
\n\
Transcript: one line per event, PASS.REQUEST (from 1) and then\n\
  reply BYTES    the reply, escaped as in request files\n\
  drop           no reply within the timeout\n\
  extra BYTES    a second datagram, there when the reply was read\n\
With --batch, per batch B of pass PASS (B from 1), PASS.B and then\n\
  batch FIRST-LAST   the requests of the batch, then\n\
  reply BYTES        every reply, sorted by its bytes (so that the order\n\
                     they arrived in does not matter)\n\
  missing K          K fewer replies than requests arrived in time\n\
  extra K            K more replies than requests\n\
\n\
Rate mode prints one line:\n\
  " PROGRAM_NAME ": S s, inflight N, requests N, R req/s, replies wrong N,\n\
    replies missing N, skipped N, latency p50 T us, p99 T us\n\
(with --offered, \"offered R req/s, \" after the in-flight count).\n\
Exit status: 0 done (rate mode: no wrong reply); 1 wrong replies or an\n\
error.  Time is bounded by about requests * passes * MS milliseconds\n\
(transcript; with --batch, divided by N) or SECONDS + MS (rate).\n");
}

static void __attribute__ ((noreturn, format (printf, 1, 2)))
fatal (const char *fmt, ...)
{
  va_list ap;

  fputs (PROGRAM_NAME ": ", stderr);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (1);
}

static long
parse_number (const char *opt, const char *arg, long lo, long hi)
{
  char *end;
  long v;

  errno = 0;
  v = strtol (arg, &end, 10);
  if (errno || end == arg || *end || v < lo || v > hi)
    fatal ("%s: '%s' is not a number from %ld to %ld", opt, arg, lo, hi);
  return v;
}

static uint64_t
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* A new UDP socket connected to the server: the kernel then delivers it
   only the server's datagrams, and a refused port shows as an error.  */
static int
open_socket (void)
{
  int fd = socket (server->ai_family, SOCK_DGRAM, 0);

  if (fd < 0)
    fatal ("socket: %s", strerror (errno));
  if (connect (fd, server->ai_addr, server->ai_addrlen) < 0)
    fatal ("connect: %s", strerror (errno));
  return fd;
}

static void
send_request (int fd, const struct request *rq)
{
  ssize_t n = send (fd, rq->data, rq->len, 0);

  /* ECONNREFUSED is the ICMP error of an earlier datagram (no server
     yet, or it went away), reported instead of sending this one: that
     request's reply is missing, which the caller sees; this one may
     still go out.  */
  if (n < 0 && errno == ECONNREFUSED)
    n = send (fd, rq->data, rq->len, 0);
  if (n < 0 && errno != ECONNREFUSED)
    fatal ("send: %s", strerror (errno));
}

/* Wait until DEADLINE (now_ns) for a datagram on FD; return its length,
   or -1 if none came.  */
static long
receive_until (int fd, uint64_t deadline)
{
  for (;;)
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      uint64_t now = now_ns ();
      ssize_t n;

      if (now >= deadline)
	return -1;
      if (poll (&pfd, 1, (int) ((deadline - now + 999999) / 1000000)) < 0
	  && errno != EINTR)
	fatal ("poll: %s", strerror (errno));
      n = recv (fd, reply_buf, sizeof reply_buf, MSG_DONTWAIT);
      if (n >= 0)
	return n;
      if (errno != EAGAIN && errno != EINTR && errno != ECONNREFUSED)
	fatal ("recv: %s", strerror (errno));
    }
}

/* Wait up to TIMEOUT_MS for a datagram on FD; return its length, or -1
   if none came.  */
static long
receive (int fd, long timeout_ms)
{
  return receive_until (fd, now_ns () + (uint64_t) timeout_ms * 1000000u);
}

/* ------------------------------------------------------------------ */
/* Transcript mode.  */

static int
run_transcript (void)
{
  FILE *out = stdout;
  unsigned long replies = 0, drops = 0, extras = 0;
  int fd = open_socket ();

  if (strcmp (opt_transcript, "-") != 0)
    {
      out = fopen (opt_transcript, "w");
      if (!out)
	fatal ("%s: %s", opt_transcript, strerror (errno));
    }
  for (long pass = 1; pass <= opt_passes; pass++)
    for (size_t i = 0; i < n_requests; i++)
      {
	long n;

	send_request (fd, &requests[i]);
	n = receive (fd, opt_timeout_ms);
	fprintf (out, "%ld.%zu ", pass, i + 1);
	if (n < 0)
	  {
	    /* A late reply must not be taken for the next request's: a
	       new socket has a new port, which the late one misses.  */
	    drops++;
	    fputs ("drop\n", out);
	    close (fd);
	    fd = open_socket ();
	    continue;
	  }
	replies++;
	fputs ("reply ", out);
	request_escape (out, reply_buf, n);
	fputc ('\n', out);
	/* Whatever else is there already would otherwise be taken for
	   the next request's reply.  */
	while ((n = recv (fd, reply_buf, sizeof reply_buf, MSG_DONTWAIT)) >= 0)
	  {
	    extras++;
	    fprintf (out, "%ld.%zu extra ", pass, i + 1);
	    request_escape (out, reply_buf, n);
	    fputc ('\n', out);
	  }
      }
  if (out != stdout && fclose (out) != 0)
    fatal ("%s: %s", opt_transcript, strerror (errno));
  close (fd);
  fprintf (out == stdout ? stderr : stdout,
	   PROGRAM_NAME ": requests %lu, replies %lu, drops %lu, extra %lu\n",
	   (unsigned long) (opt_passes * n_requests), replies, drops, extras);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Batch mode.  */

struct reply
{
  uint8_t *data;
  size_t len;
};

static int
compare_reply (const void *a, const void *b)
{
  const struct reply *x = a, *y = b;
  int c = memcmp (x->data, y->data, x->len < y->len ? x->len : y->len);

  if (c != 0)
    return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

static int
run_batch (void)
{
  FILE *out = stdout;
  unsigned long replies = 0, missing = 0, extras = 0, batches = 0;
  /* More replies than twice the batch are not kept: the count of extras
     says there were more.  */
  size_t cap = 2 * (size_t) opt_batch;
  struct reply *got = calloc (cap, sizeof *got);
  int fd = open_socket ();

  if (!got)
    fatal ("out of memory");
  if (strcmp (opt_transcript, "-") != 0)
    {
      out = fopen (opt_transcript, "w");
      if (!out)
	fatal ("%s: %s", opt_transcript, strerror (errno));
    }
  for (long pass = 1; pass <= opt_passes; pass++)
    for (size_t first = 0, b = 1; first < n_requests;
	 first += (size_t) opt_batch, b++)
      {
	size_t count = n_requests - first, n_got = 0, n_kept = 0;
	uint64_t deadline;
	long n;

	if (count > (size_t) opt_batch)
	  count = (size_t) opt_batch;
	batches++;
	for (size_t i = 0; i < count; i++)
	  send_request (fd, &requests[first + i]);
	deadline = now_ns () + (uint64_t) opt_timeout_ms * 1000000u;
	/* Every reply of the batch, or the deadline; then whatever else
	   is there already.  */
	for (;;)
	  {
	    if (n_got < count)
	      n = receive_until (fd, deadline);
	    else
	      n = recv (fd, reply_buf, sizeof reply_buf, MSG_DONTWAIT);
	    if (n < 0)
	      break;
	    n_got++;
	    if (n_kept == cap)
	      continue;
	    got[n_kept].data = malloc (n ? n : 1);
	    if (!got[n_kept].data)
	      fatal ("out of memory");
	    memcpy (got[n_kept].data, reply_buf, n);
	    got[n_kept++].len = n;
	  }
	qsort (got, n_kept, sizeof *got, compare_reply);
	fprintf (out, "%ld.%zu batch %zu-%zu\n", pass, b, first + 1,
		 first + count);
	for (size_t i = 0; i < n_kept; i++)
	  {
	    fprintf (out, "%ld.%zu reply ", pass, b);
	    request_escape (out, got[i].data, got[i].len);
	    fputc ('\n', out);
	    free (got[i].data);
	  }
	if (n_got < count)
	  {
	    fprintf (out, "%ld.%zu missing %zu\n", pass, b, count - n_got);
	    missing += count - n_got;
	    /* Late replies must not be taken for the next batch's: a new
	       socket has a new port, which they miss.  */
	    close (fd);
	    fd = open_socket ();
	  }
	else if (n_got > count)
	  {
	    fprintf (out, "%ld.%zu extra %zu\n", pass, b, n_got - count);
	    extras += n_got - count;
	  }
	replies += n_got < count ? n_got : count;
      }
  if (out != stdout && fclose (out) != 0)
    fatal ("%s: %s", opt_transcript, strerror (errno));
  close (fd);
  free (got);
  fprintf (out == stdout ? stderr : stdout,
	   PROGRAM_NAME ": requests %lu, batches %lu of %ld, replies %lu, "
	   "missing %lu, extra %lu\n",
	   (unsigned long) (opt_passes * n_requests), batches, opt_batch,
	   replies, missing, extras);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Rate mode.  */

/* The first pass of the transcript FILE: for request I, EXPECTED[I] is
   the reply (DROPPED[I] false) or nothing (DROPPED[I] true).  */
static uint8_t **expected;
static size_t *expected_len;
static bool *dropped;

static void
read_expect (const char *file)
{
  FILE *f = fopen (file, "r");
  char *line = NULL;
  size_t size = 0, seen = 0;
  ssize_t len;
  unsigned int lineno = 0;

  if (!f)
    fatal ("%s: %s", file, strerror (errno));
  expected = calloc (n_requests, sizeof *expected);
  expected_len = calloc (n_requests, sizeof *expected_len);
  dropped = calloc (n_requests, sizeof *dropped);
  if (!expected || !expected_len || !dropped)
    fatal ("out of memory");
  while ((len = getline (&line, &size, f)) >= 0)
    {
      unsigned long pass, index;
      int pos = 0;
      const char *err;
      long n;

      lineno++;
      if (len && line[len - 1] == '\n')
	line[--len] = '\0';
      if (sscanf (line, "%lu.%lu %n", &pass, &index, &pos) < 2 || pos == 0
	  || index < 1 || index > n_requests)
	fatal ("%s:%u: not a transcript line for these requests", file,
	       lineno);
      if (pass != 1 || strncmp (line + pos, "extra", 5) == 0)
	continue;
      index--;
      seen++;
      if (strcmp (line + pos, "drop") == 0)
	{
	  dropped[index] = true;
	  continue;
	}
      if (strncmp (line + pos, "reply", 5) != 0)
	fatal ("%s:%u: reply, drop or extra expected", file, lineno);
      pos += 5;
      if (line[pos] == ' ')
	pos++;
      expected[index] = malloc (strlen (line + pos) + 1);
      if (!expected[index])
	fatal ("out of memory");
      n = request_unescape (line + pos, expected[index], &err);
      if (n < 0)
	fatal ("%s:%u: %s", file, lineno, err);
      expected_len[index] = n;
    }
  fclose (f);
  free (line);
  if (seen != n_requests)
    fatal ("%s: %zu requests in the first pass, %zu in the request file",
	   file, seen, n_requests);
}

struct slot
{
  int fd;
  size_t request;		/* outstanding on FD */
  uint64_t sent_ns;
  bool busy;
};

static int
compare_u64 (const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

  return x < y ? -1 : x > y;
}

/* The request to send next, cycling through those with a reply.  */
static size_t
next_request (size_t *cursor)
{
  for (;;)
    {
      size_t i = (*cursor)++ % n_requests;

      if (!dropped[i])
	return i;
    }
}

static int
run_rate (void)
{
  struct slot *slots = calloc (opt_inflight, sizeof *slots);
  struct pollfd *pfds = calloc (opt_inflight, sizeof *pfds);
  size_t cap = 1 << 16, n_lat = 0, cursor = 0, skipped = 0;
  uint64_t *lat = malloc (cap * sizeof *lat);
  unsigned long wrong = 0, missing = 0, answered = 0;
  uint64_t start, deadline, timeout_ns, now, next_send, interval;
  long busy = 0;

  if (!slots || !pfds || !lat)
    fatal ("out of memory");
  for (size_t i = 0; i < n_requests; i++)
    skipped += dropped[i];
  if (skipped == n_requests)
    fatal ("%s: every request was dropped; nothing to measure", opt_expect);
  timeout_ns = (uint64_t) opt_timeout_ms * 1000000u;
  start = now_ns ();
  deadline = start + (uint64_t) (opt_rate * 1e9);
  /* With --offered, request K is due at START + K * INTERVAL, whether or
     not the replies before it came back.  */
  interval = opt_offered ? 1000000000u / (uint64_t) opt_offered : 0;
  next_send = start;
  for (long s = 0; s < opt_inflight; s++)
    {
      slots[s].fd = open_socket ();
      pfds[s].fd = slots[s].fd;
      pfds[s].events = POLLIN;
    }

  /* Until the deadline, every slot keeps a request outstanding; after
     it, the last ones are waited for (and checked) but not counted in
     the rate.  */
  for (now = start; ; now = now_ns ())
    {
      uint64_t wait_ns = now < deadline ? deadline - now : 0;
      bool sending = now < deadline;

      for (long s = 0; s < opt_inflight; s++)
	{
	  struct slot *sl = &slots[s];

	  if (sl->busy && now - sl->sent_ns >= timeout_ns)
	    {
	      /* A late reply must not be taken for the next request's:
		 a new socket has a new port, which the late one misses.  */
	      missing++;
	      sl->busy = false;
	      busy--;
	      close (sl->fd);
	      sl->fd = pfds[s].fd = open_socket ();
	    }
	  if (!sl->busy && sending && (!interval || next_send <= now))
	    {
	      sl->request = next_request (&cursor);
	      sl->sent_ns = interval ? next_send : now_ns ();
	      next_send += interval;
	      sl->busy = true;
	      busy++;
	      send_request (sl->fd, &requests[sl->request]);
	    }
	  if (sl->busy && sl->sent_ns + timeout_ns - now < wait_ns)
	    wait_ns = sl->sent_ns + timeout_ns - now;
	}
      if (interval && sending && busy < opt_inflight)
	{
	  uint64_t due = next_send > now ? next_send - now : 0;

	  if (due < wait_ns)
	    wait_ns = due;
	}
      if (!sending && busy == 0)
	break;
      /* ppoll: with --offered, a send is due at a precise time, and
	 poll's milliseconds would add up to one to every latency.  */
      struct timespec ts = { (time_t) (wait_ns / 1000000000u),
			     (long) (wait_ns % 1000000000u) };
      if (ppoll (pfds, opt_inflight, &ts, NULL) < 0 && errno != EINTR)
	fatal ("poll: %s", strerror (errno));
      for (long s = 0; s < opt_inflight; s++)
	{
	  struct slot *sl = &slots[s];
	  ssize_t n;

	  if (!(pfds[s].revents & (POLLIN | POLLERR)))
	    continue;
	  n = recv (sl->fd, reply_buf, sizeof reply_buf, MSG_DONTWAIT);
	  if (n < 0 || !sl->busy)
	    continue;		/* the ICMP error of a lost request, or a
				   second reply: the timeout counts it */
	  now = now_ns ();
	  if ((size_t) n != expected_len[sl->request]
	      || memcmp (reply_buf, expected[sl->request], n) != 0)
	    {
	      if (wrong++ < 5)
		{
		  fprintf (stderr, PROGRAM_NAME ": request %zu (line %u): "
			   "reply ", sl->request + 1,
			   requests[sl->request].line);
		  request_escape (stderr, reply_buf, n);
		  fputs (", expected ", stderr);
		  request_escape (stderr, expected[sl->request],
				  expected_len[sl->request]);
		  fputc ('\n', stderr);
		}
	    }
	  if (sl->sent_ns < deadline)
	    {
	      answered++;
	      if (n_lat == cap)
		{
		  uint64_t *p = realloc (lat, 2 * cap * sizeof *lat);

		  if (p)
		    {
		      lat = p;
		      cap *= 2;
		    }
		}
	      if (n_lat < cap)
		lat[n_lat++] = now - sl->sent_ns;
	    }
	  sl->busy = false;
	  busy--;
	}
    }

  qsort (lat, n_lat, sizeof *lat, compare_u64);
  printf (PROGRAM_NAME ": %.2f s, inflight %ld, ", opt_rate, opt_inflight);
  if (opt_offered)
    printf ("offered %ld req/s, ", opt_offered);
  printf ("requests %lu, %.0f req/s, "
	  "replies wrong %lu, replies missing %lu, skipped %zu, "
	  "latency p50 %.1f us, p99 %.1f us\n",
	  answered, answered / opt_rate, wrong, missing, skipped,
	  n_lat ? lat[n_lat / 2] / 1e3 : 0.0,
	  n_lat ? lat[n_lat * 99 / 100] / 1e3 : 0.0);
  for (long s = 0; s < opt_inflight; s++)
    close (slots[s].fd);
  free (slots);
  free (pfds);
  free (lat);
  return wrong ? 1 : 0;
}

int
main (int argc, char **argv)
{
  enum
  {
    OPT_TRANSCRIPT = 256, OPT_PASSES, OPT_RATE, OPT_INFLIGHT, OPT_EXPECT,
    OPT_TIMEOUT, OPT_BATCH, OPT_OFFERED, OPT_HELP
  };
  static const struct option long_options[] = {
    { "transcript", required_argument, NULL, OPT_TRANSCRIPT },
    { "passes", required_argument, NULL, OPT_PASSES },
    { "rate", required_argument, NULL, OPT_RATE },
    { "inflight", required_argument, NULL, OPT_INFLIGHT },
    { "expect", required_argument, NULL, OPT_EXPECT },
    { "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
    { "batch", required_argument, NULL, OPT_BATCH },
    { "offered", required_argument, NULL, OPT_OFFERED },
    { "help", no_argument, NULL, OPT_HELP },
    { NULL, 0, NULL, 0 }
  };
  struct addrinfo hints;
  char err[512];
  char *end;
  int c, rc;

  while ((c = getopt_long (argc, argv, "", long_options, NULL)) != -1)
    switch (c)
      {
      case OPT_TRANSCRIPT: opt_transcript = optarg; break;
      case OPT_PASSES:
	opt_passes = parse_number ("--passes", optarg, 1, 1000);
	break;
      case OPT_RATE:
	errno = 0;
	opt_rate = strtod (optarg, &end);
	if (errno || end == optarg || *end || !(opt_rate >= 0.1)
	    || opt_rate > 600)
	  fatal ("--rate: '%s' is not a number of seconds from 0.1 to 600",
		 optarg);
	break;
      case OPT_INFLIGHT:
	opt_inflight = parse_number ("--inflight", optarg, 1, 1024);
	break;
      case OPT_EXPECT: opt_expect = optarg; break;
      case OPT_TIMEOUT:
	opt_timeout_ms = parse_number ("--timeout-ms", optarg, 1, 60000);
	break;
      case OPT_BATCH:
	opt_batch = parse_number ("--batch", optarg, 1, 1024);
	break;
      case OPT_OFFERED:
	opt_offered = parse_number ("--offered", optarg, 1, 10000000);
	break;
      case OPT_HELP:
	usage (stdout);
	return 0;
      default:
	fprintf (stderr, "Try '" PROGRAM_NAME " --help'.\n");
	return 1;
      }
  if (argc - optind != 3)
    fatal ("need HOST PORT REQUESTS; try --help");
  if (!opt_transcript == (opt_rate < 0))
    fatal ("need one of --transcript and --rate; try --help");
  if (opt_batch && !opt_transcript)
    fatal ("--batch goes with --transcript; try --help");
  if (opt_offered && opt_rate < 0)
    fatal ("--offered goes with --rate; try --help");
  if (opt_rate >= 0 && !opt_expect)
    fatal ("--rate needs --expect, the replies to check against");

  memset (&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  parse_number ("PORT", argv[optind + 1], 1, 65535);
  rc = getaddrinfo (argv[optind], argv[optind + 1], &hints, &server);
  if (rc != 0)
    fatal ("%s: %s", argv[optind], gai_strerror (rc));

  n_requests = request_file_read (argv[optind + 2], MAX_DATAGRAM - 1,
				  &requests, err, sizeof err);
  if (n_requests == 0)
    fatal ("%s", err);
  if (opt_transcript)
    return opt_batch ? run_batch () : run_transcript ();
  read_expect (opt_expect);
  return run_rate ();
}
