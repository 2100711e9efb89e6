/* kvserver.c: a small UDP key-value server, the demo of offload.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   Usage: kvserver [PORT]   (default 9000; listens on all IPv4 addresses)

   Written the ordinary way, with nothing for offload in it: an event loop
   around poll, recvfrom a request, sendto the reply.  The table is a fixed
   global, so that a kernel fast path could later share it through a BPF
   map; GET and SET are the short, frequent requests worth serving there,
   while STATS formats with snprintf and stays in userspace.  */

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto.h"

#define TABLE_SIZE 64

struct entry
{
  unsigned char used;
  unsigned char key_len;
  unsigned char value_len;
  char key[KV_KEY_MAX + 1];
  char value[KV_VALUE_MAX + 1];
};

static struct entry table[TABLE_SIZE];

static struct
{
  unsigned long gets, sets, hits, misses, errors;
} stats;

static volatile sig_atomic_t stopping;

static void
on_signal (int sig)
{
  (void) sig;
  stopping = 1;
}

/* FNV-1a over the key: cheap, and a bounded loop.  */
static unsigned int
hash_key (const char *key, size_t len)
{
  unsigned int h = 2166136261u;

  for (size_t i = 0; i < len && i < KV_KEY_MAX; i++)
    h = (h ^ (unsigned char) key[i]) * 16777619u;
  return h;
}

static int
key_eq (const struct entry *e, const struct kv_request *req)
{
  if (e->key_len != req->key_len)
    return 0;
  for (size_t i = 0; i < req->key_len; i++)
    if (e->key[i] != req->key[i])
      return 0;
  return 1;
}

/* Return the slot holding REQ's key, or the free slot where it would go
   (CREATE), or NULL.  Linear probing, at most TABLE_SIZE steps.  */
static struct entry *
lookup (const struct kv_request *req, int create)
{
  unsigned int h = hash_key (req->key, req->key_len);

  for (unsigned int i = 0; i < TABLE_SIZE; i++)
    {
      struct entry *e = &table[(h + i) % TABLE_SIZE];

      if (!e->used)
	return create ? e : NULL;
      if (key_eq (e, req))
	return e;
    }
  return NULL;
}

/* Serve the request of LEN bytes at BUF; write the reply into OUT (SIZE
   bytes) and return its length.  */
static size_t
handle (const char *buf, size_t len, char *out, size_t size)
{
  struct kv_request req;
  struct entry *e;
  size_t pos = 0;
  int n;

  switch (proto_parse (buf, len, &req))
    {
    case KV_GET:
      stats.gets++;
      e = lookup (&req, 0);
      if (!e)
	{
	  stats.misses++;
	  proto_append (out, size, &pos, "NOT_FOUND\n", 10);
	  break;
	}
      stats.hits++;
      proto_append (out, size, &pos, "VALUE ", 6);
      proto_append (out, size, &pos, e->value, e->value_len);
      proto_append (out, size, &pos, "\n", 1);
      break;

    case KV_SET:
      stats.sets++;
      e = lookup (&req, 1);
      if (!e)
	{
	  proto_append (out, size, &pos, "FULL\n", 5);
	  break;
	}
      e->used = 1;
      e->key_len = req.key_len;
      e->value_len = req.value_len;
      memcpy (e->key, req.key, sizeof e->key);
      memcpy (e->value, req.value, sizeof e->value);
      proto_append (out, size, &pos, "STORED\n", 7);
      break;

    case KV_STATS:
      n = snprintf (out, size,
		    "STATS gets %lu sets %lu hits %lu misses %lu errors %lu\n",
		    stats.gets, stats.sets, stats.hits, stats.misses,
		    stats.errors);
      pos = n < 0 ? 0 : (size_t) n < size ? (size_t) n : size - 1;
      break;

    default:
      stats.errors++;
      proto_append (out, size, &pos, "ERROR\n", 6);
      break;
    }
  return pos;
}

int
main (int argc, char **argv)
{
  char buf[512], reply[128];
  struct sockaddr_in addr, peer;
  socklen_t peer_len;
  struct pollfd pfd;
  struct sigaction sa;
  ssize_t len;
  size_t reply_len;
  int port = argc > 1 ? atoi (argv[1]) : 9000;
  int fd, one = 1;

  if (port <= 0 || port > 65535)
    {
      fprintf (stderr, "usage: %s [PORT]\n", argv[0]);
      return 2;
    }

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);

  fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (port);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }
  fprintf (stderr, "kvserver: serving UDP port %d\n", port);

  pfd.fd = fd;
  pfd.events = POLLIN;
  while (!stopping)
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

      peer_len = sizeof peer;
      len = recvfrom (fd, buf, sizeof buf, 0, (struct sockaddr *) &peer,
		      &peer_len);
      if (len < 0)
	{
	  if (errno != EINTR && errno != EAGAIN)
	    perror ("recvfrom");
	  continue;
	}

      reply_len = handle (buf, (size_t) len, reply, sizeof reply);
      if (sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer,
		  peer_len) < 0)
	perror ("sendto");
    }

  close (fd);
  return 0;
}
