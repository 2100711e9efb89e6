/* stats-counter: a UDP server keeping a few named counters, around
   epoll_wait.

   Requests (one per datagram, an optional trailing "\n" or "\r\n"):
     HIT name   increment counter NAME    ->  "OK n\n" (the new value)
     GET name   read counter NAME         ->  "n\n"
     TOTAL      the sum of all counters   ->  "n\n"
   An unknown counter name gets "UNKNOWN\n", anything else "ERROR\n".
   Counters: login, logout, search, upload, download, error.  On exit
   the server prints every counter and the total.

   Usage: stats-counter PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19103 } } */


#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 4
#define NAME_MAX_LEN 12

struct counter
{
  char name[NAME_MAX_LEN];
  unsigned long value;
};

static struct counter counters[] = {
  { "login", 0 },
  { "logout", 0 },
  { "search", 0 },
  { "upload", 0 },
  { "download", 0 },
  { "error", 0 },
};

#define N_COUNTERS (sizeof counters / sizeof counters[0])

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

/* Return LEN less a trailing "\n" or "\r\n" of BUF.  */
static size_t
strip_eol (const char *buf, size_t len)
{
  if (len > 0 && buf[len - 1] == '\n')
    len--;
  if (len > 0 && buf[len - 1] == '\r')
    len--;
  return len;
}

/* Return the counter named by the LEN bytes at NAME, or NULL.  */
static struct counter *
find_counter (const char *name, size_t len)
{
  for (size_t i = 0; i < N_COUNTERS; i++)
    if (strlen (counters[i].name) == len
	&& memcmp (counters[i].name, name, len) == 0)
      return &counters[i];
  return NULL;
}

/* Write V in decimal to OUT (room for 20 digits); return the length.  */
static size_t
format_ulong (char *out, unsigned long v)
{
  char digits[20];
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

/* Answer the LEN-byte request REQ into OUT (at least 32 bytes); return
   the reply length.  */
static size_t
handle_request (const char *req, size_t len, char *out)
{
  size_t pos = 0;
  len = strip_eol (req, len);

  if (len == 5 && memcmp (req, "TOTAL", 5) == 0)
    {
      unsigned long total = 0;
      for (size_t i = 0; i < N_COUNTERS; i++)
	total += counters[i].value;
      pos = format_ulong (out, total);
      out[pos++] = '\n';
      return pos;
    }

  int hit;
  if (len > 4 && memcmp (req, "HIT ", 4) == 0)
    hit = 1;
  else if (len > 4 && memcmp (req, "GET ", 4) == 0)
    hit = 0;
  else
    {
      memcpy (out, "ERROR\n", 6);
      return 6;
    }

  struct counter *c = find_counter (req + 4, len - 4);
  if (c == NULL)
    {
      memcpy (out, "UNKNOWN\n", 8);
      return 8;
    }
  if (hit)
    {
      c->value++;
      memcpy (out, "OK ", 3);
      pos = 3;
    }
  pos += format_ulong (out + pos, c->value);
  out[pos++] = '\n';
  return pos;
}

static void
print_state (void)
{
  unsigned long total = 0;
  for (size_t i = 0; i < N_COUNTERS; i++)
    {
      printf ("%s %lu\n", counters[i].name, counters[i].value);
      total += counters[i].value;
    }
  printf ("total %lu\n", total);
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
  sa.sa_flags = 0;		/* no SA_RESTART: epoll_wait must see EINTR */
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

  int ep = epoll_create1 (0);
  if (ep < 0)
    {
      perror ("epoll_create1");
      return 1;
    }
  struct epoll_event ev;
  memset (&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (epoll_ctl (ep, EPOLL_CTL_ADD, fd, &ev) < 0)
    {
      perror ("epoll_ctl");
      return 1;
    }

  printf ("ready\n");
  fflush (stdout);

  struct epoll_event events[MAX_EVENTS];
  while (!stop_requested)
    {
      int nev = epoll_wait (ep, events, MAX_EVENTS, -1);
      if (nev < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("epoll_wait");
	  return 1;
	}
      for (int i = 0; i < nev; i++)
	{
	  if (events[i].data.fd != fd || !(events[i].events & EPOLLIN))
	    continue;
	  char buf[64];
	  struct sockaddr_in peer;
	  socklen_t peer_len = sizeof peer;
	  ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
				(struct sockaddr *) &peer, &peer_len);
	  if (n < 0)
	    continue;
	  char reply[32];
	  size_t reply_len = handle_request (buf, (size_t) n, reply);
	  sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer,
		  peer_len);
	}
    }

  print_state ();
  close (ep);
  close (fd);
  return 0;
}
