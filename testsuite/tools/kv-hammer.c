/* kv-hammer: several clients at once against the kv-cache example server.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The concurrency test of the run tests (DESIGN.md, "The correctness
   contract", rules 2 and 3): PROCS processes, each with SOCKETS sockets,
   each socket with one request in flight at a time, send SET and GET
   requests on a few shared keys for SECONDS.  The value of every SET of
   key K is one of a known set for K, of different lengths, holding K's
   number: a reply from the wrong key, a torn value or a stale length
   shows as a value that was never set.  Every reply is checked against
   what the original server could have answered, whatever the
   interleaving:

     SET  ->  "STORED\n" or "FULL\n"
     GET  ->  "VALUE v\n", v one of the values of the key, or
	      "NOT_FOUND\n", but only if no SET of the key had been
	      answered STORED to this process before the GET was sent
	      (entries are never removed).

   With --malformed P, P percent of the requests are malformed instead
   (a list below, each one kv-cache refuses), and their reply must be
   "ERROR\n".  Anything else is a wrong reply.  The kv-cache protocol is
   in offload.bpf/kv-cache.c.  */

#define _GNU_SOURCE 1

#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "request-file.h"

#define PROGRAM_NAME "kv-hammer"

#define MAX_KEYS 16
#define MAX_VALUES 6
#define MAX_SOCKETS 64

static long opt_procs = 4;
static long opt_sockets = 4;
static long opt_keys = 4;
static long opt_values = 4;
static double opt_seconds = 3;
static long opt_timeout_ms = 1000;
static long opt_malformed = 0;

/* Requests kv-cache answers "ERROR\n" (offload.bpf/kv-cache.c,
   parse_request), with their lengths: some must go up to userspace,
   some the fast path refuses itself.  */
static const struct
{
  const char *text;
  size_t len;
} malformed[] = {
#define M(s) { s, sizeof s - 1 }
  M (""), M ("GET"), M ("GET \n"), M ("get k0\n"), M ("SET k0\n"),
  M ("SET k0 \n"), M ("GET k0 extra\n"), M ("SET k0 a\x01" "b\n"),
  M ("GET 0123456789abcdefX\n"),
  M ("SET k0 0123456789abcdef0123456789abcdefX\n"),
  M ("\xff\xfe\x00GET k0"), M ("DEL k0\n"), M ("GET\tk0\n"),
  M ("SET  k0 v\n"), M ("\n"), M ("GET k0\n\n")
#undef M
};
#define N_MALFORMED (sizeof malformed / sizeof malformed[0])

static struct addrinfo *server;

/* KEY[K] and VALUE[K][J], with their lengths.  */
static char key[MAX_KEYS][8];
static char value[MAX_KEYS][MAX_VALUES][40];

/* What one process saw; the parent adds them up.  */
struct counts
{
  unsigned long sent, replies, get, hit, not_found, set, stored, full;
  unsigned long wrong, missing, malformed, error;
};

static void
usage (FILE *out)
{
  fprintf (out, "\
Usage: " PROGRAM_NAME " [--procs N] [--sockets N] [--keys N] [--values N]\n\
                 [--seconds S] [--timeout-ms MS] [--malformed P] HOST PORT\n\
       " PROGRAM_NAME " --list\n\
\n\
Send SET and GET requests on a few shared keys to the kv-cache server at\n\
HOST (a numeric address) and PORT from N processes (default 4) with N\n\
sockets each (default 4), one request in flight per socket, for S\n\
seconds (default 3), and check every reply.\n\
\n\
  --keys N        keys k0 ... (default 4, at most %d)\n\
  --values N      values per key (default 4, at most %d)\n\
  --timeout-ms MS how long to wait for a reply (default 1000); no reply\n\
                  by then is a missing reply\n\
  --malformed P   P percent of the requests malformed (default 0); their\n\
                  reply must be ERROR\n\
  --list          print every KEY=VALUE that may be set, and exit\n\
\n\
Prints the first wrong replies, one line per process and a total:\n\
  " PROGRAM_NAME ": total sent N replies N get N hit N not_found N set N\n\
    stored N full N wrong N missing N malformed N error N\n\
Exit status: 0 no wrong reply, 1 wrong replies or an error.\n",
	   MAX_KEYS, MAX_VALUES);
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

/* Key K is "kK"; its value J is "K.J:" and 1 + 5 J times the letter
   'a' + J (at most 4 + 26 bytes: kv-cache takes 32).  */
static void
make_keys (void)
{
  for (int k = 0; k < opt_keys; k++)
    {
      snprintf (key[k], sizeof key[k], "k%d", k);
      for (int j = 0; j < opt_values; j++)
	{
	  int n = snprintf (value[k][j], sizeof value[k][j], "%d.%d:", k, j);

	  memset (value[k][j] + n, 'a' + j, 1 + 5 * j);
	  value[k][j][n + 1 + 5 * j] = '\0';
	}
    }
}

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

struct slot
{
  int fd;
  bool busy;
  bool bad;			/* a malformed request */
  bool get;			/* a GET, else a SET */
  bool must_exist;		/* a STORED of the key came before it */
  int key;
  uint64_t sent_ns;
  char req[64];
  size_t req_len;
};

static void
report_wrong (struct counts *c, const struct slot *sl, const uint8_t *buf,
	      size_t len, const char *why)
{
  char *msg;
  size_t size;
  FILE *f;

  if (c->wrong++ >= 5)
    return;
  /* One write per message: the processes share stderr.  */
  f = open_memstream (&msg, &size);
  if (!f)
    return;
  fprintf (f, PROGRAM_NAME ": pid %ld: request ", (long) getpid ());
  request_escape (f, (const uint8_t *) sl->req, sl->req_len);
  fputs (": reply ", f);
  request_escape (f, buf, len);
  fprintf (f, ": %s\n", why);
  if (fclose (f) == 0)
    {
      if (write (STDERR_FILENO, msg, size) < 0)
	{
	  /* Nothing more to do.  */
	}
      free (msg);
    }
}

/* Check the reply BUF (LEN bytes) to the request of SL.  */
static void
check_reply (struct counts *c, const struct slot *sl, const uint8_t *buf,
	     size_t len, bool *stored)
{
  c->replies++;
  if (sl->bad)
    {
      if (len == 6 && memcmp (buf, "ERROR\n", 6) == 0)
	c->error++;
      else
	report_wrong (c, sl, buf, len, "not ERROR");
      return;
    }
  if (!sl->get)
    {
      c->set++;
      if (len == 7 && memcmp (buf, "STORED\n", 7) == 0)
	{
	  c->stored++;
	  stored[sl->key] = true;
	}
      else if (len == 5 && memcmp (buf, "FULL\n", 5) == 0)
	c->full++;
      else
	report_wrong (c, sl, buf, len, "not STORED or FULL");
      return;
    }
  c->get++;
  if (len == 10 && memcmp (buf, "NOT_FOUND\n", 10) == 0)
    {
      c->not_found++;
      if (sl->must_exist)
	report_wrong (c, sl, buf, len, "the key was stored before");
      return;
    }
  if (len >= 7 && memcmp (buf, "VALUE ", 6) == 0 && buf[len - 1] == '\n')
    {
      size_t vlen = len - 7;

      for (int j = 0; j < opt_values; j++)
	if (strlen (value[sl->key][j]) == vlen
	    && memcmp (value[sl->key][j], buf + 6, vlen) == 0)
	  {
	    c->hit++;
	    return;
	  }
      report_wrong (c, sl, buf, len, "a value never set for the key");
      return;
    }
  report_wrong (c, sl, buf, len, "not VALUE or NOT_FOUND");
}

/* One process: hammer until the deadline, then wait for the last
   replies.  */
static void
hammer (unsigned int seed, struct counts *c)
{
  struct slot slots[MAX_SOCKETS];
  struct pollfd pfds[MAX_SOCKETS];
  bool stored[MAX_KEYS] = { false };
  uint64_t deadline = now_ns () + (uint64_t) (opt_seconds * 1e9);
  uint64_t timeout_ns = (uint64_t) opt_timeout_ms * 1000000u;
  uint8_t buf[2048];
  long busy = 0;

  memset (c, 0, sizeof *c);
  memset (slots, 0, sizeof slots);
  for (long s = 0; s < opt_sockets; s++)
    {
      slots[s].fd = pfds[s].fd = open_socket ();
      pfds[s].events = POLLIN;
    }
  for (;;)
    {
      uint64_t now = now_ns ();
      bool sending = now < deadline;
      uint64_t wait_ns = sending ? deadline - now : timeout_ns;

      for (long s = 0; s < opt_sockets; s++)
	{
	  struct slot *sl = &slots[s];

	  if (sl->busy && now - sl->sent_ns >= timeout_ns)
	    {
	      /* A late reply must not be taken for the next request's.  */
	      c->missing++;
	      sl->busy = false;
	      busy--;
	      close (sl->fd);
	      sl->fd = pfds[s].fd = open_socket ();
	    }
	  if (!sl->busy && sending)
	    {
	      unsigned int r = rand_r (&seed);

	      sl->key = (int) ((r >> 4) % opt_keys);
	      sl->get = r & 1;
	      sl->must_exist = stored[sl->key];
	      sl->bad = (long) ((r >> 20) % 100) < opt_malformed;
	      if (sl->bad)
		{
		  size_t m = (r >> 8) % N_MALFORMED;

		  memcpy (sl->req, malformed[m].text, malformed[m].len);
		  sl->req_len = malformed[m].len;
		  c->malformed++;
		}
	      else if (sl->get)
		sl->req_len = snprintf (sl->req, sizeof sl->req, "GET %s\n",
					key[sl->key]);
	      else
		sl->req_len = snprintf (sl->req, sizeof sl->req,
					"SET %s %s\n", key[sl->key],
					value[sl->key][(r >> 12) % opt_values]);
	      sl->sent_ns = now_ns ();
	      sl->busy = true;
	      busy++;
	      c->sent++;
	      if (send (sl->fd, sl->req, sl->req_len, 0) < 0
		  && errno != ECONNREFUSED)
		fatal ("send: %s", strerror (errno));
	    }
	  if (sl->busy && sl->sent_ns + timeout_ns - now < wait_ns)
	    wait_ns = sl->sent_ns + timeout_ns - now;
	}
      if (!sending && busy == 0)
	break;
      if (poll (pfds, opt_sockets, (int) ((wait_ns + 999999) / 1000000)) < 0
	  && errno != EINTR)
	fatal ("poll: %s", strerror (errno));
      for (long s = 0; s < opt_sockets; s++)
	{
	  struct slot *sl = &slots[s];
	  ssize_t n;

	  if (!(pfds[s].revents & (POLLIN | POLLERR)))
	    continue;
	  n = recv (sl->fd, buf, sizeof buf, MSG_DONTWAIT);
	  if (n < 0)
	    continue;		/* an ICMP error: the timeout counts it */
	  if (!sl->busy)
	    {
	      report_wrong (c, sl, buf, n, "a second reply");
	      continue;
	    }
	  check_reply (c, sl, buf, n, stored);
	  sl->busy = false;
	  busy--;
	}
    }
  for (long s = 0; s < opt_sockets; s++)
    close (slots[s].fd);
}

static void
print_counts (const char *who, const struct counts *c)
{
  printf (PROGRAM_NAME ": %s sent %lu replies %lu get %lu hit %lu "
	  "not_found %lu set %lu stored %lu full %lu wrong %lu missing %lu "
	  "malformed %lu error %lu\n",
	  who, c->sent, c->replies, c->get, c->hit, c->not_found, c->set,
	  c->stored, c->full, c->wrong, c->missing, c->malformed, c->error);
  fflush (stdout);
}

int
main (int argc, char **argv)
{
  enum
  {
    OPT_PROCS = 256, OPT_SOCKETS, OPT_KEYS, OPT_VALUES, OPT_SECONDS,
    OPT_TIMEOUT, OPT_LIST, OPT_HELP, OPT_MALFORMED
  };
  static const struct option long_options[] = {
    { "procs", required_argument, NULL, OPT_PROCS },
    { "sockets", required_argument, NULL, OPT_SOCKETS },
    { "keys", required_argument, NULL, OPT_KEYS },
    { "values", required_argument, NULL, OPT_VALUES },
    { "seconds", required_argument, NULL, OPT_SECONDS },
    { "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
    { "list", no_argument, NULL, OPT_LIST },
    { "malformed", required_argument, NULL, OPT_MALFORMED },
    { "help", no_argument, NULL, OPT_HELP },
    { NULL, 0, NULL, 0 }
  };
  struct addrinfo hints;
  struct counts total, *shared;
  bool list = false;
  char *end;
  int c, rc, status = 0;

  while ((c = getopt_long (argc, argv, "", long_options, NULL)) != -1)
    switch (c)
      {
      case OPT_PROCS:
	opt_procs = parse_number ("--procs", optarg, 1, 64);
	break;
      case OPT_SOCKETS:
	opt_sockets = parse_number ("--sockets", optarg, 1, MAX_SOCKETS);
	break;
      case OPT_KEYS:
	opt_keys = parse_number ("--keys", optarg, 1, MAX_KEYS);
	break;
      case OPT_VALUES:
	opt_values = parse_number ("--values", optarg, 1, MAX_VALUES);
	break;
      case OPT_SECONDS:
	errno = 0;
	opt_seconds = strtod (optarg, &end);
	if (errno || end == optarg || *end || !(opt_seconds >= 0.1)
	    || opt_seconds > 600)
	  fatal ("--seconds: '%s' is not a number from 0.1 to 600", optarg);
	break;
      case OPT_TIMEOUT:
	opt_timeout_ms = parse_number ("--timeout-ms", optarg, 1, 60000);
	break;
      case OPT_MALFORMED:
	opt_malformed = parse_number ("--malformed", optarg, 0, 100);
	break;
      case OPT_LIST: list = true; break;
      case OPT_HELP:
	usage (stdout);
	return 0;
      default:
	fprintf (stderr, "Try '" PROGRAM_NAME " --help'.\n");
	return 1;
      }
  make_keys ();
  if (list)
    {
      for (int k = 0; k < opt_keys; k++)
	for (int j = 0; j < opt_values; j++)
	  printf ("%s=%s\n", key[k], value[k][j]);
      return 0;
    }
  if (argc - optind != 2)
    fatal ("need HOST PORT; try --help");

  memset (&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  parse_number ("PORT", argv[optind + 1], 1, 65535);
  rc = getaddrinfo (argv[optind], argv[optind + 1], &hints, &server);
  if (rc != 0)
    fatal ("%s: %s", argv[optind], gai_strerror (rc));

  /* Each child's counts, in memory the parent reads after it exits.  */
  shared = mmap (NULL, opt_procs * sizeof *shared, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED)
    fatal ("mmap: %s", strerror (errno));
  memset (shared, 0, opt_procs * sizeof *shared);
  fflush (stdout);
  for (long p = 0; p < opt_procs; p++)
    {
      pid_t pid = fork ();

      if (pid < 0)
	fatal ("fork: %s", strerror (errno));
      if (pid == 0)
	{
	  char who[32];

	  /* A safety net: no child outlives its time by much.  */
	  alarm ((unsigned int) opt_seconds + 2 * opt_timeout_ms / 1000 + 5);
	  hammer ((unsigned int) (p * 7919 + 1), &shared[p]);
	  snprintf (who, sizeof who, "proc %ld", p + 1);
	  print_counts (who, &shared[p]);
	  _exit (0);
	}
    }
  for (long p = 0; p < opt_procs; p++)
    {
      int st;

      if (wait (&st) < 0)
	fatal ("wait: %s", strerror (errno));
      if (!WIFEXITED (st) || WEXITSTATUS (st) != 0)
	status = 1;
    }
  memset (&total, 0, sizeof total);
  for (long p = 0; p < opt_procs; p++)
    {
      const unsigned long *from = (const unsigned long *) &shared[p];
      unsigned long *to = (unsigned long *) &total;

      for (size_t i = 0; i < sizeof total / sizeof *to; i++)
	to[i] += from[i];
    }
  print_counts ("total", &total);
  if (status)
    fprintf (stderr, PROGRAM_NAME ": a client process failed\n");
  return status || total.wrong ? 1 : 0;
}
