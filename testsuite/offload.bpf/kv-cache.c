/* kv-cache: a small UDP key-value cache over a fixed global table.

   Requests (one per datagram, an optional trailing "\n" or "\r\n"):
     GET key          ->  "VALUE value\n" or "NOT_FOUND\n"
     SET key value    ->  "STORED\n", or "FULL\n" when no slot is free
   Keys are 1-16 bytes of printable ASCII without spaces; values are 1-32
   bytes of printable ASCII (spaces allowed).  Anything else gets
   "ERROR\n".  The table has 64 slots, open addressing with linear
   probing over at most 8 slots from the key's FNV-1a hash.  On exit
   the server prints the occupied slots and its counters.

   Usage: kv-cache PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19102 } } */
/* Shared state: the table and the counters are written by the kernel;
   stop_requested, set by the signal handler, is only read there.  */
/* { dg-final { scan-offload-report-value profile estimated } } */
/* { dg-final { offload-report-count shared_state 7 } } */
/* { dg-final { scan-offload-report-value shared_state.0.name table } } */
/* { dg-final { scan-offload-report-value shared_state.0.size 3264 } } */
/* { dg-final { scan-offload-report-value shared_state.0.kernel.access read-write } } */
/* { dg-final { scan-offload-report-value shared_state.0.sync serialized-commit } } */
/* { dg-final { scan-offload-report-value shared_state.1.user.outside_requests true } } */
/* { dg-final { scan-offload-report-value shared_state.6.name stop_requested } } */
/* { dg-final { scan-offload-report-value shared_state.6.kernel.access read } } */
/* { dg-final { scan-offload-report-value shared_state.6.user.access write } } */
/* { dg-final { scan-offload-report-value shared_state.6.sync ordered-versioned-read } } */


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

#define TABLE_SIZE 64		/* a power of two */
#define PROBE_LIMIT 8
#define KEY_MAX 16
#define VALUE_MAX 32

struct entry
{
  uint8_t used;
  uint8_t key_len;
  uint8_t value_len;
  char key[KEY_MAX];
  char value[VALUE_MAX];
};

static struct entry table[TABLE_SIZE];

/* Counters, printed on exit.  */
static unsigned long n_get, n_hit, n_set, n_full, n_error;

enum op { OP_GET, OP_SET };

struct request
{
  enum op op;
  const char *key;
  size_t key_len;
  const char *value;
  size_t value_len;
};

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

/* 32-bit FNV-1a of the LEN bytes at DATA.  */
static uint32_t
hash_key (const char *data, size_t len)
{
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    {
      h ^= (unsigned char) data[i];
      h *= 16777619u;
    }
  return h;
}

static int
key_char_p (unsigned char c)
{
  return c > ' ' && c < 0x7f;
}

static int
value_char_p (unsigned char c)
{
  return c >= ' ' && c < 0x7f;
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

/* Parse the LEN-byte request BUF into REQ.  Return 0, or -1 if it is
   malformed.  REQ points into BUF.  */
static int
parse_request (const char *buf, size_t len, struct request *req)
{
  req->value = NULL;
  req->value_len = 0;
  len = strip_eol (buf, len);
  if (len < 4)
    return -1;
  if (memcmp (buf, "GET ", 4) == 0)
    req->op = OP_GET;
  else if (memcmp (buf, "SET ", 4) == 0)
    req->op = OP_SET;
  else
    return -1;

  const char *p = buf + 4;
  const char *end = buf + len;
  req->key = p;
  while (p < end && key_char_p ((unsigned char) *p))
    p++;
  req->key_len = (size_t) (p - req->key);
  if (req->key_len == 0 || req->key_len > KEY_MAX)
    return -1;

  if (req->op == OP_GET)
    return p == end ? 0 : -1;

  if (p == end || *p != ' ')
    return -1;
  p++;
  req->value = p;
  req->value_len = (size_t) (end - p);
  if (req->value_len == 0 || req->value_len > VALUE_MAX)
    return -1;
  for (size_t i = 0; i < req->value_len; i++)
    if (!value_char_p ((unsigned char) req->value[i]))
      return -1;
  return 0;
}

/* Look KEY (LEN bytes) up.  Return the index of its slot if it is in the
   table, else the index of the free slot it would go to, or -1 if the
   probe sequence holds neither.  Set *FOUND accordingly.  */
static int
probe (const char *key, size_t len, int *found)
{
  uint32_t start = hash_key (key, len) & (TABLE_SIZE - 1);
  *found = 0;
  for (unsigned i = 0; i < PROBE_LIMIT; i++)
    {
      unsigned slot = (start + i) & (TABLE_SIZE - 1);
      struct entry *e = &table[slot];
      if (!e->used)
	return (int) slot;
      if (e->key_len == len && memcmp (e->key, key, len) == 0)
	{
	  *found = 1;
	  return (int) slot;
	}
    }
  return -1;
}

/* Append the LEN bytes at SRC to OUT at *POS, if they fit in SIZE.  */
static void
append (char *out, size_t size, size_t *pos, const char *src, size_t len)
{
  if (*pos + len > size)
    return;
  memcpy (out + *pos, src, len);
  *pos += len;
}

/* Carry out REQ and write the reply into OUT (SIZE bytes); return its
   length.  */
static size_t
handle_request (const struct request *req, char *out, size_t size)
{
  size_t pos = 0;
  int found;
  int slot = probe (req->key, req->key_len, &found);

  if (req->op == OP_GET)
    {
      n_get++;
      if (slot < 0 || !found)
	{
	  append (out, size, &pos, "NOT_FOUND\n", strlen ("NOT_FOUND\n"));
	  return pos;
	}
      n_hit++;
      const struct entry *e = &table[slot];
      append (out, size, &pos, "VALUE ", 6);
      append (out, size, &pos, e->value, e->value_len);
      append (out, size, &pos, "\n", 1);
      return pos;
    }

  if (slot < 0)
    {
      n_full++;
      append (out, size, &pos, "FULL\n", 5);
      return pos;
    }
  struct entry *e = &table[slot];
  if (!found)
    {
      e->used = 1;
      e->key_len = (uint8_t) req->key_len;
      memcpy (e->key, req->key, req->key_len);
    }
  e->value_len = (uint8_t) req->value_len;
  memcpy (e->value, req->value, req->value_len);
  n_set++;
  append (out, size, &pos, "STORED\n", 7);
  return pos;
}

static void
print_state (void)
{
  for (int i = 0; i < TABLE_SIZE; i++)
    if (table[i].used)
      printf ("slot %d %.*s=%.*s\n", i, (int) table[i].key_len, table[i].key,
	      (int) table[i].value_len, table[i].value);
  printf ("get %lu hit %lu set %lu full %lu error %lu\n",
	  n_get, n_hit, n_set, n_full, n_error);
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

      char buf[128];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;

      char reply[64];
      size_t reply_len;
      struct request req;
      if (parse_request (buf, (size_t) n, &req) < 0)
	{
	  n_error++;
	  memcpy (reply, "ERROR\n", 6);
	  reply_len = 6;
	}
      else
	reply_len = handle_request (&req, reply, sizeof reply);
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  print_state ();
  close (fd);
  return 0;
}
