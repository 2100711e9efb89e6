/* reference-idle.h -- whether the reference server is done with what it
   was sent.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   xdp-diff learns that the reference server sends no reply to a request
   by waiting (--timeout-ms).  Fuzzing makes many such requests, and a
   timeout each would take hours; given the server's process id, it can
   tell sooner: the server is done once it has read a datagram since the
   request was sent (the namespace's UDP InDatagrams counter, which
   recvmsg bumps, has moved), its UDP socket has nothing queued and the
   process sleeps: a single-threaded server then waits in its event
   loop, the request handled, its reply, if any, sent.  The counter
   covers a delivery the kernel deferred to ksoftirqd: until then the
   queue is empty, but nothing was read.  */

#ifndef OFFLOAD_REFERENCE_IDLE_H
#define OFFLOAD_REFERENCE_IDLE_H

#include <stdbool.h>
#include <sys/types.h>

/* Watch process PID, whose service socket has local port PORT.  */
void reference_idle_watch (pid_t pid, unsigned int port);

/* Whether a process is watched.  */
bool reference_idle_enabled (void);

/* Call before sending a request: remember the InDatagrams counter.  */
void reference_idle_mark (void);

/* Whether the watched process has read a datagram since the mark and
   sleeps with nothing queued at PORT, in the UDP or UDP6 sockets of its
   network namespace.  False when it cannot be told (the process gone,
   /proc unreadable).  */
bool reference_idle (void);

#endif /* OFFLOAD_REFERENCE_IDLE_H */
