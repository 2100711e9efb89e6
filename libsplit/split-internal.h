/* split-internal.h: helpers shared by the files of libsplit, not part of
   its interface.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#ifndef OFFLOAD_SPLIT_INTERNAL_H
#define OFFLOAD_SPLIT_INTERNAL_H

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "split.h"

struct bpf_map;
struct bpf_object;

/* Log through the callback set by split__set_print.  */
void split__print (enum split_print_level level, const char *format, ...)
  __attribute__ ((format (printf, 2, 3)));
void split__vprint (enum split_print_level level, const char *format,
		    va_list args) __attribute__ ((format (printf, 2, 0)));

#define pr_warn(...) split__print (SPLIT_WARN, __VA_ARGS__)
#define pr_info(...) split__print (SPLIT_INFO, __VA_ARGS__)
#define pr_debug(...) split__print (SPLIT_DEBUG, __VA_ARGS__)

/* Return ERR (a negative errno) after storing its value in errno, so
   callers may use either convention, as with libbpf.  */
static inline int
split_err (int err)
{
  if (err < 0)
    errno = -err;
  return err;
}

/* Return true if the option structure OPTS, SIZE bytes as the caller
   built it, is usable by this library, which knows its first KNOWN bytes:
   a caller built against a newer header may pass a larger structure, but
   only if the fields this library does not know are zero.  NAME names the
   structure in the log.  */
bool split_validate_opts (const void *opts, size_t size, size_t known,
			  const char *name);

#define split_offsetofend(TYPE, FIELD)					\
  (offsetof (TYPE, FIELD) + sizeof (((TYPE *) 0)->FIELD))

/* OPTS_VALID (OPTS, TYPE): OPTS is NULL or a valid struct TYPE.  */
#define OPTS_VALID(OPTS, TYPE)						\
  (!(OPTS) || split_validate_opts ((OPTS), (OPTS)->sz,			\
				   split_offsetofend (struct TYPE,	\
						      TYPE##__last_field), \
				   #TYPE))
/* OPTS_GET (OPTS, FIELD, DEFAULT): FIELD of OPTS if the caller's
   structure has it, DEFAULT otherwise.  */
#define OPTS_HAS(OPTS, FIELD)						\
  ((OPTS) && (OPTS)->sz >= split_offsetofend (__typeof__ (*(OPTS)), FIELD))
#define OPTS_GET(OPTS, FIELD, DEFAULT)					\
  (OPTS_HAS (OPTS, FIELD) ? (OPTS)->FIELD : (DEFAULT))

/* probe.c: create and close a tiny BPF map with MAP_FLAGS; return 0 or a
   negative errno, and log why at LEVEL.  */
int split_probe_map (unsigned int map_flags, enum split_print_level level);

/* What the kernel program and libsplit share.  These mirror the text the
   plugin puts in front of every generated program; keep them in step with
   bpfgen/runtime/xdp-packet.h and xdp-memory.h.  */

/* struct offload_config, the one value of the map offload_config.  Filling
   it in with a non-zero port is what activates the kernel program.  */
struct split_xdp_config
{
  uint16_t port;		/* network byte order; 0 = inactive */
  uint8_t family;		/* AF_INET or AF_INET6 */
  uint8_t v6only;
  uint8_t bound;		/* 1 = only datagrams to ADDR */
  uint8_t pad[3];
  uint8_t addr[16];
};

/* The per-CPU counters of the map offload_stats.  */
enum
{
  SPLIT_STAT_TX,
  SPLIT_STAT_DROP,
  SPLIT_STAT_PASS_FALLBACK,
  SPLIT_STAT_PASS_OTHER,
  SPLIT_STAT_REASONS,		/* + enum offload_fallback */
  SPLIT_STAT_ENDS = 16,		/* + the end of the paths (split.h) */
  SPLIT_STAT_MAX = 32
};

/* The value of .data.offload_order (see order.c).  */
struct split_order_state
{
  uint64_t passed;
  uint64_t completed;
  uint64_t last_pass_ns;
  uint64_t enabled;
};

/* The value of .data.offload_sync (see sync.c).  */
struct split_sync_state
{
  uint64_t version;
  uint64_t entered;
  uint64_t exited;
};

/* The names of the BPF object's parts.  */
#define SPLIT_XDP_PROG_NAME "offload_xdp"
#define SPLIT_CONFIG_MAP_NAME "offload_config"
#define SPLIT_STATS_MAP_NAME "offload_stats"
#define SPLIT_GLOBALS_MAP_NAME ".data.offload_globals"
#define SPLIT_ORDER_MAP_NAME ".data.offload_order"
#define SPLIT_SYNC_MAP_NAME ".data.offload_sync"
#define SPLIT_SK_SKB_PROG_NAME "offload_sk_skb"
#define SPLIT_SK_MSG_PROG_NAME "offload_sk_msg"
#define SPLIT_SOCKETS_MAP_NAME "offload_sockets"
#define SPLIT_CONNS_MAP_NAME "offload_conns"
#define SPLIT_CONN_USER_MAP_NAME "offload_conn_user"
#define SPLIT_REPLIES_MAP_NAME "offload_replies"

/* Shared globals are mapped page by page; the plugin aligns them to
   this.  */
#define SPLIT_PAGE_SIZE 4096UL
#define split_round_up(X, ALIGN) (((X) + (ALIGN) - 1) / (ALIGN) * (ALIGN))

/* Where a registered program is.  */
enum split_state
{
  SPLIT_STATE_IDLE,		/* registered; its socket is not bound yet */
  SPLIT_STATE_KERNEL,		/* the kernel answers requests */
  SPLIT_STATE_USERSPACE		/* the program serves everything */
};

/* One XDP link: a file descriptor, so it goes when the process does.  */
struct split_link
{
  int fd;
  unsigned int ifindex;
  bool native;
  char ifname[16];
};

/* One registered program and, once its socket is bound, the service it
   runs.  The receive and wait wrappers and the SIGUSR1 handler read these
   without a lock: fields they read are written before STATE (or
   ORDER_ACTIVE) is published with a release store.  */
struct split_service
{
  const struct split_program *prog;
  enum split_state state;
  char reason[160];		/* why USERSPACE, for the stats */
  unsigned int port;		/* the bound port, host order; 0 before bind */
  int sock_fd;			/* the service socket, -1 before bind */
  pid_t pid;			/* the process that started it */

  struct bpf_object *obj;
  int stats_fd;			/* offload_stats, -1 if none */
  int config_fd;		/* offload_config */
  int n_cpus;
  uint64_t *percpu;		/* N_CPUS values, for reading a counter */
  struct split_link *links;
  int n_links;
  int n_shared;			/* globals mapped onto the globals map */

  /* Request order (order.c).  */
  struct split_order_state *order;	/* the mmapped .data.offload_order */
  size_t order_map_size;
  bool order_active;		/* the wrappers count for this service */
  bool order_synced;		/* RECEIVED and the kernel's PASSED agree */
  long last_batch;		/* datagrams the last receive returned */
  /* The kernel's writers (sync.c), the mmapped .data.offload_sync.  */
  const struct split_sync_state *sync;
  uint64_t received;		/* datagrams received on SOCK_FD */
  /* TCP (stream.c): the object's connection maps.  */
  int sockets_fd, conns_fd, conn_user_fd, replies_fd;
};

/* register.c: the registered programs.  The array never moves, so
   signal handlers and wrappers may walk it.  */
#define SPLIT_MAX_PROGRAMS 16
extern struct split_service split_services[SPLIT_MAX_PROGRAMS];
extern int split_n_services;

/* service.c: called by bind after a successful bind of FD.  */
void split_service_bound (int fd);
/* Called by close before FD is closed.  */
void split_service_closing (int fd);

/* globals.c: map the program's shared globals onto the globals map MAP of
   SVC, or undo that.  On failure, write why into WHY.  */
int split_globals_share (struct split_service *svc, struct bpf_map *map,
			 char *why, size_t why_size);
void split_globals_unshare (struct split_service *svc);

/* attach.c: attach SVC's XDP program PROG_FD to the interfaces that carry
   the address ADDR of the service socket.  */
int split_attach_xdp (struct split_service *svc, int prog_fd,
		      const struct sockaddr_storage *addr,
		      char *why, size_t why_size);
void split_detach_xdp (struct split_service *svc);

/* order.c: request order.  */
int split_order_setup (struct split_service *svc, struct bpf_map *map,
		       char *why, size_t why_size);
void split_order_activate (struct split_service *svc);
/* After activation: wait until nothing passed before it can arrive, and
   try to bring the counts in step.  */
void split_order_first_sync (struct split_service *svc);
void split_order_teardown (struct split_service *svc);
/* The number of services whose order is kept; the wrappers do nothing
   else while it is 0.  */
extern int split_n_ordered;
void split_order_before_receive (int fd);
void split_order_received (int fd, long n);
void split_order_before_wait (void);
void split_order_replied (int fd);

/* sync.c: wait for the kernel's writers.  */
int split_sync_setup (struct split_service *svc, struct bpf_map *map,
		      char *why, size_t why_size);
void split_sync_wait (const struct split_service *svc);

/* stream.c: TCP services.  Attach SVC's verdict and sk_msg programs to
   its sockhash.  */
int split_stream_attach (struct split_service *svc, char *why,
			 size_t why_size);
/* Connections in the sockhashes; the wrappers below do nothing while it
   is 0.  */
extern int split_n_stream_conns;
/* accept on LFD returned FD.  */
void split_stream_accepted (int lfd, int fd);
/* Return true if FD is a connection in a sockhash.  */
bool split_stream_tracked_p (int fd);
/* recv (FD, BUF, N, FLAGS), or read with FLAGS 0, on such a
   connection.  */
ssize_t split_stream_receive (int fd, void *buf, size_t n, int flags);
void split_stream_before_write (int fd);
void split_stream_before_wait (void);
void split_stream_closing (int fd);
/* The program's epoll_ctl (EPFD, OP, FD, EVENT) succeeded.  */
struct epoll_event;
void split_stream_epoll_ctl (int epfd, int op, int fd,
			     const struct epoll_event *event);
/* Drop the events of READY the wait calls returned that report a
   connection readable with nothing to read; return how many are left
   (poll: with an event; epoll: kept in EVENTS).  */
int split_stream_filter_poll (struct pollfd *fds, nfds_t nfds, int ready);
int split_stream_filter_epoll (int epfd, struct epoll_event *events,
			       int ready);

/* stats.c.  */
void split_stats_init (void);
void split_stats_install_signal (void);
uint64_t split_stats_read (const struct split_service *svc, unsigned int key);

/* interpose.c: the C library's own functions behind the ones libsplit
   defines, for libsplit's internal use.  */
int split_real_close (int fd);
int split_real_poll (struct pollfd *fds, nfds_t nfds, int timeout);
ssize_t split_real_recv (int fd, void *buf, size_t n, int flags);

#endif /* OFFLOAD_SPLIT_INTERNAL_H */
