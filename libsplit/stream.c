/* stream.c: TCP services, served by an SK_SKB verdict program on the
   connections the program accepts.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The kernel program (bpfgen/runtime/sk-conn.h) answers in the kernel
   the chunks of a connection it can, and passes the others up.  Here:
     - the verdict and sk_msg programs are attached to the object's
       sockhash (attached to a map, they go with it when the process
       does: nothing stays behind a kill -9);
     - every connection accept returns on the service socket is added to
       the sockhash, keyed by its socket cookie, with the descriptor the
       program knows it by;
     - order (the contract's rule 2 on TCP): the kernel answers a
       connection's chunk only while everything it passed up has been
       handled; the program has handled what it read when it comes back
       to its wait call, and then the bytes it read (less those that
       arrived before the connection joined the sockhash) become
       ANSWERED;
     - a write of the program waits while kernel replies of the same
       connection are still on their way out, so replies keep their
       order;
     - close removes the connection.
   The table of connections is indexed by descriptor; descriptors beyond
   it stay with userspace.  */

#define _GNU_SOURCE 1
#include <offload-config.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "split-internal.h"

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

/* Mirrors of runtime/sk-conn.h.  */
struct split_conn
{
  uint64_t passed;
  uint64_t queued;
  uint64_t sent;
  uint64_t mismatched;
};

struct split_conn_user
{
  uint64_t fd;
  uint64_t answered;
};

struct split_reply_key
{
  uint64_t cookie;
  uint64_t seq;
};

#define SPLIT_STREAM_MAX_FDS 4096

/* One accepted connection in the sockhash.  */
struct split_stream_conn
{
  uint64_t cookie;
  struct split_service *svc;	/* NULL: not a connection of ours */
  bool dirty;			/* read or written since the last sync */
  bool based;			/* OFFSET is known */
  uint64_t read_bytes;		/* bytes the program read */
  /* Bytes the program read that the kernel did not pass: those that
     arrived before the connection joined the sockhash.  */
  uint64_t offset;
  /* The epoll instance the program watches it with, and the data it
     registered, to recognise its events.  */
  int ep_fd;
  uint64_t ep_data;
};

static struct split_stream_conn split_stream_conns[SPLIT_STREAM_MAX_FDS];
/* Connections in the table; the wrappers do nothing while it is 0.  */
int split_n_stream_conns;

int
split_stream_attach (struct split_service *svc, char *why, size_t why_size)
{
  struct bpf_program *verdict, *msg;
  struct bpf_map *map;
  int err;

  verdict = bpf_object__find_program_by_name (svc->obj,
					      SPLIT_SK_SKB_PROG_NAME);
  msg = bpf_object__find_program_by_name (svc->obj, SPLIT_SK_MSG_PROG_NAME);
  if (!verdict || !msg)
    {
      snprintf (why, why_size, "the BPF object has no programs %s and %s",
		SPLIT_SK_SKB_PROG_NAME, SPLIT_SK_MSG_PROG_NAME);
      return -ENOENT;
    }
  map = bpf_object__find_map_by_name (svc->obj, SPLIT_SOCKETS_MAP_NAME);
  if (!map)
    {
      snprintf (why, why_size, "the BPF object has no map %s",
		SPLIT_SOCKETS_MAP_NAME);
      return -ENOENT;
    }
  svc->sockets_fd = bpf_map__fd (map);
  svc->conns_fd = bpf_object__find_map_fd_by_name (svc->obj,
						   SPLIT_CONNS_MAP_NAME);
  svc->conn_user_fd = bpf_object__find_map_fd_by_name (svc->obj,
						       SPLIT_CONN_USER_MAP_NAME);
  svc->replies_fd = bpf_object__find_map_fd_by_name (svc->obj,
						     SPLIT_REPLIES_MAP_NAME);
  if (svc->conns_fd < 0 || svc->conn_user_fd < 0 || svc->replies_fd < 0)
    {
      snprintf (why, why_size, "the BPF object lacks its connection maps");
      return -ENOENT;
    }
  /* The verdict alone, no stream parser: a parser sees each segment from
     its start, so the verdict could not tell where messages begin.  */
  err = bpf_prog_attach (bpf_program__fd (verdict), svc->sockets_fd,
			 BPF_SK_SKB_VERDICT, 0);
  if (err)
    {
      snprintf (why, why_size, "cannot attach the SK_SKB verdict: %s",
		strerror (-err));
      return err;
    }
  err = bpf_prog_attach (bpf_program__fd (msg), svc->sockets_fd,
			 BPF_SK_MSG_VERDICT, 0);
  if (err)
    {
      snprintf (why, why_size, "cannot attach the SK_MSG program: %s",
		strerror (-err));
      return err;
    }
  return 0;
}

/* The stream service whose listening socket is LFD, serving from the
   kernel, or NULL.  */
static struct split_service *
split_stream_service (int lfd)
{
  int n = __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE);

  for (int i = 0; i < n; i++)
    {
      struct split_service *svc = &split_services[i];

      if ((svc->prog->flags & SPLIT_PROGRAM_STREAM)
	  && __atomic_load_n (&svc->sock_fd, __ATOMIC_RELAXED) == lfd
	  && __atomic_load_n (&svc->state, __ATOMIC_ACQUIRE)
	     == SPLIT_STATE_KERNEL
	  && svc->pid == getpid ())
	return svc;
    }
  return NULL;
}

void
split_stream_accepted (int lfd, int fd)
{
  struct split_service *svc;
  struct split_conn conn = { 0, 0, 0, 0 };
  struct split_conn_user user;
  uint64_t cookie, value;
  socklen_t len = sizeof cookie;

  if (fd < 0 || fd >= SPLIT_STREAM_MAX_FDS)
    return;
  svc = split_stream_service (lfd);
  if (!svc)
    return;
  if (getsockopt (fd, SOL_SOCKET, SO_COOKIE, &cookie, &len) != 0)
    return;
  /* Not synchronized until the program has handled what arrived before
     the socket joined the sockhash.  */
  user.fd = fd;
  user.answered = ~(uint64_t) 0;
  value = fd;
  if (bpf_map_update_elem (svc->conns_fd, &cookie, &conn, BPF_ANY)
      || bpf_map_update_elem (svc->conn_user_fd, &cookie, &user, BPF_ANY))
    return;
  if (bpf_map_update_elem (svc->sockets_fd, &cookie, &value, BPF_ANY))
    {
      pr_debug ("%s: connection %d stays with userspace: %s\n",
		svc->prog->name, fd, strerror (errno));
      bpf_map_delete_elem (svc->conns_fd, &cookie);
      bpf_map_delete_elem (svc->conn_user_fd, &cookie);
      return;
    }
  split_stream_conns[fd].cookie = cookie;
  split_stream_conns[fd].dirty = true;
  split_stream_conns[fd].ep_fd = -1;
  split_stream_conns[fd].based = false;
  split_stream_conns[fd].read_bytes = 0;
  split_stream_conns[fd].offset = 0;
  __atomic_store_n (&split_stream_conns[fd].svc, svc, __ATOMIC_RELEASE);
  __atomic_add_fetch (&split_n_stream_conns, 1, __ATOMIC_RELAXED);
}

/* The connection FD, or NULL.  */
static inline struct split_stream_conn *
split_stream_conn (int fd)
{
  if (fd < 0 || fd >= SPLIT_STREAM_MAX_FDS
      || !__atomic_load_n (&split_stream_conns[fd].svc, __ATOMIC_ACQUIRE))
    return NULL;
  return &split_stream_conns[fd];
}

bool
split_stream_tracked_p (int fd)
{
  return split_stream_conn (fd) != NULL;
}

/* Take connection C out of step: the kernel passes its next chunks up
   until the program is back in its wait call with nothing unread.  */
static void
split_stream_unsync (int fd, struct split_stream_conn *c)
{
  struct split_conn_user user = { (uint64_t) fd, ~(uint64_t) 0 };

  bpf_map_update_elem (c->svc->conn_user_fd, &c->cookie, &user, BPF_EXIST);
  c->dirty = true;
}

ssize_t
split_stream_receive (int fd, void *buf, size_t n, int flags)
{
  struct split_stream_conn *c = split_stream_conn (fd);
  ssize_t ret;
  int fl;

  c->dirty = true;
  ret = split_real_recv (fd, buf, n, flags | MSG_DONTWAIT);
  if (ret > 0 && !(flags & MSG_PEEK))
    c->read_bytes += ret;
  if (ret >= 0 || errno != EAGAIN || (flags & MSG_DONTWAIT))
    return ret;
  fl = fcntl (fd, F_GETFL);
  if (fl < 0 || (fl & O_NONBLOCK))
    {
      errno = EAGAIN;
      return -1;
    }
  /* A blocking receive with nothing there: the wait call reported the
     socket readable for bytes the kernel then answered itself.  The
     original program would have read the next bytes of the stream
     here, so the kernel must let them through rather than answer them
     while the program waits for them.  */
  split_stream_unsync (fd, c);
  /* The kernel's receive also gives up, with EAGAIN, when what woke it
     went elsewhere; the program asked to wait.  */
  do
    ret = split_real_recv (fd, buf, n, flags);
  while (ret < 0 && errno == EAGAIN);
  if (ret > 0 && !(flags & MSG_PEEK))
    c->read_bytes += ret;
  return ret;
}

void
split_stream_before_write (int fd)
{
  struct split_stream_conn *c = split_stream_conn (fd);
  struct split_conn conn;
  struct timespec start, now;

  if (!c)
    return;
  c->dirty = true;
  clock_gettime (CLOCK_MONOTONIC, &start);
  /* The kernel's replies go out from a kernel worker soon after the
     verdict; a reply of the program must not overtake them.  A second
     is far more than they take: past it, something is wrong, and the
     write goes rather than hang the program.  */
  for (;;)
    {
      if (bpf_map_lookup_elem (c->svc->conns_fd, &c->cookie, &conn)
	  || conn.sent == conn.queued)
	return;
      clock_gettime (CLOCK_MONOTONIC, &now);
      if (now.tv_sec - start.tv_sec > 1)
	{
	  pr_debug ("%s: kernel replies on connection %d still queued\n",
		    c->svc->prog->name, fd);
	  return;
	}
      sched_yield ();
    }
}

void
split_stream_before_wait (void)
{
  for (int fd = 0; fd < SPLIT_STREAM_MAX_FDS; fd++)
    {
      struct split_stream_conn *c = split_stream_conn (fd);
      struct split_conn conn;
      struct split_conn_user user;
      struct pollfd p;

      if (!c || !c->dirty)
	continue;
      if (!c->based)
	{
	  /* Once, with nothing unread: what the program read and the
	     kernel did not pass arrived before the sockhash.  PASSED
	     first, then the queue: a chunk counted in PASSED but not yet
	     queued makes OFFSET too small, so ANSWERED never catches up
	     with PASSED and the kernel passes everything up, which is
	     always right.  */
	  if (bpf_map_lookup_elem (c->svc->conns_fd, &c->cookie, &conn))
	    continue;
	  p.fd = fd;
	  p.events = POLLIN;
	  p.revents = 0;
	  if (split_real_poll (&p, 1, 0) != 0)
	    continue;
	  c->offset = c->read_bytes - conn.passed;
	  c->based = true;
	}
      /* The program is back in its wait call: it has handled all it
	 read.  The kernel answers while this equals what it passed.  */
      user.fd = fd;
      user.answered = c->read_bytes - c->offset;
      if (bpf_map_update_elem (c->svc->conn_user_fd, &c->cookie, &user,
			       BPF_EXIST) == 0)
	c->dirty = false;
    }
}

void
split_stream_closing (int fd)
{
  struct split_stream_conn *c = split_stream_conn (fd);
  struct split_conn conn;

  if (!c)
    return;
  if (bpf_map_lookup_elem (c->svc->conns_fd, &c->cookie, &conn) == 0)
    for (uint64_t seq = conn.sent; seq != conn.queued; seq++)
      {
	struct split_reply_key key = { c->cookie, seq };
	bpf_map_delete_elem (c->svc->replies_fd, &key);
      }
  /* The sockhash lets go of the socket by itself when it closes.  */
  bpf_map_delete_elem (c->svc->conns_fd, &c->cookie);
  bpf_map_delete_elem (c->svc->conn_user_fd, &c->cookie);
  __atomic_store_n (&c->svc, NULL, __ATOMIC_RELEASE);
  __atomic_sub_fetch (&split_n_stream_conns, 1, __ATOMIC_RELAXED);
}

/* Readiness.  The kernel wakes a connection's readers after every
   chunk, the ones it answered itself too, and a wait call that looks at
   the socket while a chunk is on its way to the verdict sees it
   readable.  The original program, told a socket is readable, reads
   without blocking; here the read could block for bytes that never
   come (the client may be waiting for another connection's reply).  So
   the wait calls drop such events before the program sees them: a
   connection with nothing the program can read.  Bytes passed up stay
   for the program, so a connection found readable stays readable.  */

/* Return true if connection FD has nothing for the program to read and
   no end or error to report.  */
static bool
split_stream_idle_p (int fd)
{
  char byte;

  return split_stream_conn (fd)
	 && split_real_recv (fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0
	 && errno == EAGAIN;
}

int
split_stream_filter_poll (struct pollfd *fds, nfds_t nfds, int ready)
{
  int saved_errno = errno;

  for (nfds_t i = 0; i < nfds && ready > 0; i++)
    if ((fds[i].revents & POLLIN)
	&& !(fds[i].revents & (POLLHUP | POLLERR | POLLRDHUP))
	&& split_stream_idle_p (fds[i].fd))
      {
	fds[i].revents &= ~(POLLIN | POLLRDNORM);
	if (!fds[i].revents)
	  ready--;
      }
  errno = saved_errno;
  return ready;
}

void
split_stream_epoll_ctl (int epfd, int op, int fd,
			const struct epoll_event *event)
{
  struct split_stream_conn *c = split_stream_conn (fd);

  if (!c)
    return;
  if ((op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) && event)
    {
      c->ep_fd = epfd;
      c->ep_data = event->data.u64;
    }
  else if (op == EPOLL_CTL_DEL && c->ep_fd == epfd)
    c->ep_fd = -1;
}

/* The connection whose registration with EPFD carries DATA, or -1.  */
static int
split_stream_epoll_fd (int epfd, uint64_t data)
{
  int guess = (int) (uint32_t) data;
  struct split_stream_conn *c = split_stream_conn (guess);

  /* Most programs register the descriptor itself.  */
  if (c && c->ep_fd == epfd && c->ep_data == data)
    return guess;
  for (int fd = 0; fd < SPLIT_STREAM_MAX_FDS; fd++)
    if ((c = split_stream_conn (fd)) && c->ep_fd == epfd
	&& c->ep_data == data)
      return fd;
  return -1;
}

int
split_stream_filter_epoll (int epfd, struct epoll_event *events, int ready)
{
  int saved_errno = errno;
  int kept = 0;

  for (int i = 0; i < ready; i++)
    {
      uint32_t ev = events[i].events;
      if ((ev & EPOLLIN) && !(ev & (EPOLLHUP | EPOLLERR | EPOLLRDHUP)))
	{
	  int fd = split_stream_epoll_fd (epfd, events[i].data.u64);
	  if (fd >= 0 && split_stream_idle_p (fd))
	    {
	      ev &= ~(EPOLLIN | EPOLLRDNORM);
	      if (!ev)
		continue;
	      events[i].events = ev;
	    }
	}
      events[kept++] = events[i];
    }
  errno = saved_errno;
  return kept;
}
