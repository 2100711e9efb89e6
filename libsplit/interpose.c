/* interpose.c: the C library calls libsplit sees the program make.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   A split program is linked with libsplit before the C library, so its
   own calls of these functions come here (calls from other libraries,
   bound to the C library's symbol versions, do not).  Each one does the
   C library's work by calling the C library, and only looks around it:
     bind      learns the service's address and starts its kernel program
               (service.c);
     close     stops the kernel program when the service socket goes;
     receives  count the datagrams of the service socket (order.c);
     waits     report that the program is back in its event loop;
     accept, write, epoll_ctl, and the receives, sends and waits again
               for TCP services: connections join the kernel program's
               sockhash, keep their order, and the program never sees a
               connection readable for bytes the kernel answered
               (stream.c).
   The program must not be able to tell: results and errno are exactly
   the C library's, nothing here allocates or takes a lock on the way of
   a receive or a wait, and what they do is safe in a signal handler.
   The fortified variants (_FORTIFY_SOURCE) are here too, with the C
   library's checks.  */

#define _GNU_SOURCE 1
/* The fortified headers define some of these functions inline.  */
#undef _FORTIFY_SOURCE
#include <offload-config.h>

#include <dlfcn.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "split-internal.h"

#define SPLIT_EXPORT __attribute__ ((visibility ("default")))

/* The C library's entry points, found once the library is loaded.  */
#define SPLIT_REAL_DECL(NAME) static __typeof__ (NAME) *split_libc_##NAME
SPLIT_REAL_DECL (close);
SPLIT_REAL_DECL (read);
SPLIT_REAL_DECL (recv);
SPLIT_REAL_DECL (recvfrom);
SPLIT_REAL_DECL (recvmsg);
SPLIT_REAL_DECL (recvmmsg);
SPLIT_REAL_DECL (poll);
SPLIT_REAL_DECL (ppoll);
SPLIT_REAL_DECL (select);
SPLIT_REAL_DECL (pselect);
SPLIT_REAL_DECL (epoll_wait);
SPLIT_REAL_DECL (epoll_pwait);
SPLIT_REAL_DECL (epoll_pwait2);
SPLIT_REAL_DECL (send);
SPLIT_REAL_DECL (sendto);
SPLIT_REAL_DECL (sendmsg);
SPLIT_REAL_DECL (write);
SPLIT_REAL_DECL (accept);
SPLIT_REAL_DECL (accept4);
SPLIT_REAL_DECL (epoll_ctl);

/* The C library's failure for the fortified variants.  */
extern void __chk_fail (void) __attribute__ ((__noreturn__));

/* What a function the C library lacks does (epoll_pwait2 before glibc
   2.35): fail with ENOSYS, as the system call would.  Every function here
   returns int or ssize_t in the same register, so one stands for all.  */
static long
split_missing (void)
{
  errno = ENOSYS;
  return -1;
}

static void *
split_resolve (const char *name)
{
  void *fn = dlsym (RTLD_NEXT, name);

  return fn ? fn : (void *) split_missing;
}

/* The real NAME; resolved by the constructor below, or here for a call
   made before it ran (only another library's constructor could, and
   their calls do not come here).  */
#define SPLIT_REAL(NAME)						\
  ({									\
    __typeof__ (NAME) *real_							\
      = __atomic_load_n (&split_libc_##NAME, __ATOMIC_RELAXED);		\
    if (__builtin_expect (!real_, 0))					\
      {									\
	real_ = (__typeof__ (NAME) *) split_resolve (#NAME);		\
	__atomic_store_n (&split_libc_##NAME, real_, __ATOMIC_RELAXED);	\
      }									\
    real_;								\
  })

/* Resolving in a constructor keeps dlsym, which is not async-signal
   safe, off the path of calls a signal handler may make.  libsplit's
   constructors run before those of the program, which depends on it.  */
__attribute__ ((constructor)) static void
split_interpose_init (void)
{
#define SPLIT_INIT(NAME) (void) SPLIT_REAL (NAME)
  SPLIT_INIT (close);
  SPLIT_INIT (read);
  SPLIT_INIT (recv);
  SPLIT_INIT (recvfrom);
  SPLIT_INIT (recvmsg);
  SPLIT_INIT (recvmmsg);
  SPLIT_INIT (poll);
  SPLIT_INIT (ppoll);
  SPLIT_INIT (select);
  SPLIT_INIT (pselect);
  SPLIT_INIT (epoll_wait);
  SPLIT_INIT (epoll_pwait);
  SPLIT_INIT (epoll_pwait2);
  SPLIT_INIT (send);
  SPLIT_INIT (sendto);
  SPLIT_INIT (sendmsg);
  SPLIT_INIT (write);
  SPLIT_INIT (accept);
  SPLIT_INIT (accept4);
  SPLIT_INIT (epoll_ctl);
#undef SPLIT_INIT
}

/* Return true if some service keeps request order: only then do the
   receives and waits have anything to do.  */
static inline bool
split_ordering_p (void)
{
  return __atomic_load_n (&split_n_ordered, __ATOMIC_RELAXED) != 0;
}

/* Return true if some TCP connection is served by the kernel: only then
   do reads, writes and waits have anything to do for TCP.  */
static inline bool
split_streaming_p (void)
{
  return __atomic_load_n (&split_n_stream_conns, __ATOMIC_RELAXED) != 0;
}

/* Return true if a receive with FLAGS consumes a datagram.  */
static inline bool
split_consumes_p (int flags)
{
  return !(flags & (MSG_PEEK | MSG_ERRQUEUE));
}

int
split_real_close (int fd)
{
  return SPLIT_REAL (close) (fd);
}

ssize_t
split_real_recv (int fd, void *buf, size_t n, int flags)
{
  return SPLIT_REAL (recv) (fd, buf, n, flags);
}

int
split_real_poll (struct pollfd *fds, nfds_t nfds, int timeout)
{
  return SPLIT_REAL (poll) (fds, nfds, timeout);
}

/* ---- The service's address.  */

/* The system call itself, as the C library's bind is; whatever the
   runtime does afterwards, the program sees bind's own result and
   errno.  */
SPLIT_EXPORT int
bind (int fd, __CONST_SOCKADDR_ARG addr, socklen_t len)
{
  int ret = syscall (SYS_bind, fd, addr, len);

  if (ret == 0)
    {
      int saved_errno = errno;

      split_service_bound (fd);
      errno = saved_errno;
    }
  return ret;
}

/* ---- TCP connections (stream.c).  */

SPLIT_EXPORT int
accept (int fd, __SOCKADDR_ARG addr, socklen_t *len)
{
  int ret = SPLIT_REAL (accept) (fd, addr, len);

  if (ret >= 0 && __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE))
    {
      int saved_errno = errno;

      split_stream_accepted (fd, ret);
      errno = saved_errno;
    }
  return ret;
}

SPLIT_EXPORT int
accept4 (int fd, __SOCKADDR_ARG addr, socklen_t *len, int flags)
{
  int ret = SPLIT_REAL (accept4) (fd, addr, len, flags);

  if (ret >= 0 && __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE))
    {
      int saved_errno = errno;

      split_stream_accepted (fd, ret);
      errno = saved_errno;
    }
  return ret;
}

SPLIT_EXPORT ssize_t
write (int fd, const void *buf, size_t n)
{
  if (split_streaming_p ())
    {
      int saved_errno = errno;

      split_stream_before_write (fd);
      errno = saved_errno;
    }
  return SPLIT_REAL (write) (fd, buf, n);
}

SPLIT_EXPORT int
close (int fd)
{
  int n = __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE);

  if (split_streaming_p ())
    {
      int saved_errno = errno;

      split_stream_closing (fd);
      errno = saved_errno;
    }

  for (int i = 0; i < n; i++)
    if (__atomic_load_n (&split_services[i].sock_fd, __ATOMIC_RELAXED) == fd)
      {
	int saved_errno = errno;

	split_service_closing (fd);
	errno = saved_errno;
	break;
      }
  return SPLIT_REAL (close) (fd);
}

/* ---- Replies.  */

SPLIT_EXPORT ssize_t
send (int fd, const void *buf, size_t n, int flags)
{
  ssize_t ret;

  if (split_streaming_p ())
    {
      int saved_errno = errno;

      split_stream_before_write (fd);
      errno = saved_errno;
    }
  ret = SPLIT_REAL (send) (fd, buf, n, flags);

  if (ret >= 0 && split_ordering_p ())
    split_order_replied (fd);
  return ret;
}

SPLIT_EXPORT ssize_t
sendto (int fd, const void *buf, size_t n, int flags,
	const struct sockaddr *addr, socklen_t addr_len)
{
  ssize_t ret = SPLIT_REAL (sendto) (fd, buf, n, flags, addr, addr_len);

  if (ret >= 0 && split_ordering_p ())
    split_order_replied (fd);
  return ret;
}

SPLIT_EXPORT ssize_t
sendmsg (int fd, const struct msghdr *msg, int flags)
{
  ssize_t ret = SPLIT_REAL (sendmsg) (fd, msg, flags);

  if (ret >= 0 && split_ordering_p ())
    split_order_replied (fd);
  return ret;
}

/* ---- Receives.  */

SPLIT_EXPORT ssize_t
read (int fd, void *buf, size_t n)
{
  ssize_t ret;

  if (split_streaming_p () && split_stream_tracked_p (fd))
    return split_stream_receive (fd, buf, n, 0);
  if (!split_ordering_p ())
    return SPLIT_REAL (read) (fd, buf, n);
  split_order_before_receive (fd);
  ret = SPLIT_REAL (read) (fd, buf, n);
  if (ret >= 0)
    split_order_received (fd, 1);
  return ret;
}

SPLIT_EXPORT ssize_t
__read_chk (int fd, void *buf, size_t n, size_t buflen)
{
  if (n > buflen)
    __chk_fail ();
  return read (fd, buf, n);
}

SPLIT_EXPORT ssize_t
recv (int fd, void *buf, size_t n, int flags)
{
  ssize_t ret;

  if (split_streaming_p () && split_stream_tracked_p (fd))
    return split_stream_receive (fd, buf, n, flags);
  if (!split_ordering_p ())
    return SPLIT_REAL (recv) (fd, buf, n, flags);
  split_order_before_receive (fd);
  ret = SPLIT_REAL (recv) (fd, buf, n, flags);
  if (ret >= 0 && split_consumes_p (flags))
    split_order_received (fd, 1);
  return ret;
}

SPLIT_EXPORT ssize_t
__recv_chk (int fd, void *buf, size_t n, size_t buflen, int flags)
{
  if (n > buflen)
    __chk_fail ();
  return recv (fd, buf, n, flags);
}

SPLIT_EXPORT ssize_t
recvfrom (int fd, void *buf, size_t n, int flags, __SOCKADDR_ARG addr,
	  socklen_t *addr_len)
{
  ssize_t ret;

  if (!split_ordering_p ())
    return SPLIT_REAL (recvfrom) (fd, buf, n, flags, addr, addr_len);
  split_order_before_receive (fd);
  ret = SPLIT_REAL (recvfrom) (fd, buf, n, flags, addr, addr_len);
  if (ret >= 0 && split_consumes_p (flags))
    split_order_received (fd, 1);
  return ret;
}

SPLIT_EXPORT ssize_t
__recvfrom_chk (int fd, void *buf, size_t n, size_t buflen, int flags,
		__SOCKADDR_ARG addr, socklen_t *addr_len)
{
  if (n > buflen)
    __chk_fail ();
  return recvfrom (fd, buf, n, flags, addr, addr_len);
}

SPLIT_EXPORT ssize_t
recvmsg (int fd, struct msghdr *msg, int flags)
{
  ssize_t ret;

  if (!split_ordering_p ())
    return SPLIT_REAL (recvmsg) (fd, msg, flags);
  split_order_before_receive (fd);
  ret = SPLIT_REAL (recvmsg) (fd, msg, flags);
  if (ret >= 0 && split_consumes_p (flags))
    split_order_received (fd, 1);
  return ret;
}

SPLIT_EXPORT int
recvmmsg (int fd, struct mmsghdr *msgs, unsigned int n, int flags,
	  struct timespec *timeout)
{
  int ret;

  if (!split_ordering_p ())
    return SPLIT_REAL (recvmmsg) (fd, msgs, n, flags, timeout);
  split_order_before_receive (fd);
  ret = SPLIT_REAL (recvmmsg) (fd, msgs, n, flags, timeout);
  if (ret > 0 && split_consumes_p (flags))
    split_order_received (fd, ret);
  return ret;
}

/* ---- Waits: the program is back in its event loop.  */

#define SPLIT_WAIT_ENTRY()			\
  do						\
    {						\
      if (split_ordering_p ())			\
	split_order_before_wait ();		\
      if (split_streaming_p ())			\
	{					\
	  int saved_errno = errno;		\
						\
	  split_stream_before_wait ();		\
	  errno = saved_errno;			\
	}					\
    }						\
  while (0)

/* The milliseconds left of TIMEOUT (-1: none) START_MS after the start
   of a wait.  */
static int
split_timeout_left (int timeout, long long start_ms)
{
  struct timespec ts;
  long long now;

  if (timeout <= 0)
    return timeout;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  now = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
  return now - start_ms >= timeout ? 0 : (int) (timeout - (now - start_ms));
}

static long long
split_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The waits of a program with TCP connections in the kernel's hands
   wait again when every event they got was a connection with nothing to
   read (stream.c).  */

SPLIT_EXPORT int
poll (struct pollfd *fds, nfds_t nfds, int timeout)
{
  long long start = split_streaming_p () ? split_now_ms () : 0;
  int ret;

  for (;;)
    {
      SPLIT_WAIT_ENTRY ();
      ret = SPLIT_REAL (poll) (fds, nfds, split_timeout_left (timeout,
								start));
      if (ret <= 0 || !split_streaming_p ())
	return ret;
      ret = split_stream_filter_poll (fds, nfds, ret);
      if (ret > 0 || timeout == 0)
	return ret;
    }
}

SPLIT_EXPORT int
__poll_chk (struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen)
{
  if (fdslen / sizeof *fds < nfds)
    __chk_fail ();
  return poll (fds, nfds, timeout);
}

SPLIT_EXPORT int
ppoll (struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
       const sigset_t *sigmask)
{
  int ret;

  /* A wait again starts the timeout again: rare, and only ever late.  */
  for (;;)
    {
      SPLIT_WAIT_ENTRY ();
      ret = SPLIT_REAL (ppoll) (fds, nfds, timeout, sigmask);
      if (ret <= 0 || !split_streaming_p ())
	return ret;
      ret = split_stream_filter_poll (fds, nfds, ret);
      if (ret > 0 || (timeout && !timeout->tv_sec && !timeout->tv_nsec))
	return ret;
    }
}

SPLIT_EXPORT int
__ppoll_chk (struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	     const sigset_t *sigmask, size_t fdslen)
{
  if (fdslen / sizeof *fds < nfds)
    __chk_fail ();
  return ppoll (fds, nfds, timeout, sigmask);
}

SPLIT_EXPORT int
select (int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	struct timeval *timeout)
{
  SPLIT_WAIT_ENTRY ();
  return SPLIT_REAL (select) (nfds, readfds, writefds, exceptfds, timeout);
}

SPLIT_EXPORT int
pselect (int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	 const struct timespec *timeout, const sigset_t *sigmask)
{
  SPLIT_WAIT_ENTRY ();
  return SPLIT_REAL (pselect) (nfds, readfds, writefds, exceptfds, timeout,
			       sigmask);
}

SPLIT_EXPORT int
epoll_wait (int epfd, struct epoll_event *events, int maxevents,
	    int timeout)
{
  long long start = split_streaming_p () ? split_now_ms () : 0;
  int ret;

  for (;;)
    {
      SPLIT_WAIT_ENTRY ();
      ret = SPLIT_REAL (epoll_wait) (epfd, events, maxevents,
				     split_timeout_left (timeout, start));
      if (ret <= 0 || !split_streaming_p ())
	return ret;
      ret = split_stream_filter_epoll (epfd, events, ret);
      if (ret > 0 || timeout == 0)
	return ret;
    }
}

SPLIT_EXPORT int
epoll_pwait (int epfd, struct epoll_event *events, int maxevents,
	     int timeout, const sigset_t *sigmask)
{
  long long start = split_streaming_p () ? split_now_ms () : 0;
  int ret;

  for (;;)
    {
      SPLIT_WAIT_ENTRY ();
      ret = SPLIT_REAL (epoll_pwait) (epfd, events, maxevents,
				      split_timeout_left (timeout, start),
				      sigmask);
      if (ret <= 0 || !split_streaming_p ())
	return ret;
      ret = split_stream_filter_epoll (epfd, events, ret);
      if (ret > 0 || timeout == 0)
	return ret;
    }
}

SPLIT_EXPORT int
epoll_pwait2 (int epfd, struct epoll_event *events, int maxevents,
	      const struct timespec *timeout, const sigset_t *sigmask)
{
  int ret;

  for (;;)
    {
      SPLIT_WAIT_ENTRY ();
      ret = SPLIT_REAL (epoll_pwait2) (epfd, events, maxevents, timeout,
				       sigmask);
      if (ret <= 0 || !split_streaming_p ())
	return ret;
      ret = split_stream_filter_epoll (epfd, events, ret);
      if (ret > 0 || (timeout && !timeout->tv_sec && !timeout->tv_nsec))
	return ret;
    }
}

SPLIT_EXPORT int
epoll_ctl (int epfd, int op, int fd, struct epoll_event *event)
{
  int ret = SPLIT_REAL (epoll_ctl) (epfd, op, fd, event);

  if (ret == 0 && split_streaming_p ())
    split_stream_epoll_ctl (epfd, op, fd, event);
  return ret;
}
