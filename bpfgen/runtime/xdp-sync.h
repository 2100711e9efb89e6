/* xdp-sync.h -- requests on several CPUs at once (the contract's rule 3).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The program runs on every CPU at once, and the original served one
   request after the other.  Every answer must be one the original could
   give in some serial order, so:

   - A request reads the globals of one moment: it notes the version at
     its start, and if a writer committed in between (the version moved,
     or is odd: a commit is under way), it goes up to userspace instead
     of answering.
   - Requests that write commit one at a time.  bpf-gcc 12 has no
     compare-and-swap and cannot use the result of an atomic add, so the
     lock counts: a writer adds to entered, then reads entered - exited;
     only a writer that sees 1 is alone and commits, everyone else goes
     up.  Two writers may both see 2 and both go up; none ever commits
     beside another.  The committer makes the version odd while it
     copies, even again after.

   Nothing waits: a request that meets another goes up, untouched, which
   rule 1 allows.  Atomic adds are full barriers on x86-64, which this
   relies on; other architectures would need explicit ones.

   Userspace (libsplit) only handles requests while the kernel passes
   everything up (xdp-order.h): a request that saw another one passed up
   while it ran goes up too, and libsplit waits, before the program
   handles a request, until the writers that entered have left
   (libsplit/sync.c).  So the host and the kernel do not write at the
   same time when order is kept.  This text needs xdp-memory.h.  */

struct offload_sync
{
  __u64 version;
  __u64 entered;
  __u64 exited;
};

static struct offload_sync offload_sync
  __attribute__ ((section (".data.offload_sync"), aligned (8)))
  = { 0, 0, 0 };

/* The version at the start of a request.  */
static __attribute__ ((always_inline)) inline __u64
offload_sync_begin (void)
{
  return ((volatile struct offload_sync *) &offload_sync)->version;
}

/* Return true if no writer has committed since START and none is
   committing now.  */
static __attribute__ ((always_inline)) inline int
offload_sync_unchanged (__u64 start)
{
  return !(start & 1)
	 && ((volatile struct offload_sync *) &offload_sync)->version == start;
}

/* Return 0 if the request may complete: nothing changed since START and,
   when it writes, it is the only writer, and holds the commit until
   offload_sync_commit or offload_sync_leave.  Return nonzero, holding
   nothing, if it must go up.  */
static __attribute__ ((always_inline)) inline int
offload_sync_enter (struct offload_ctx *c, __u64 start)
{
  volatile struct offload_sync *s = &offload_sync;

  if (c->s->nrec == 0)
    return !offload_sync_unchanged (start);
  __sync_fetch_and_add (&offload_sync.entered, 1);
  /* Entered first: a writer that enters later sees this one in its own
     count until this one has left.  */
  __u64 entered = s->entered;
  __u64 exited = s->exited;
  if (entered - exited == 1 && offload_sync_unchanged (start))
    return 0;
  __sync_fetch_and_add (&offload_sync.exited, 1);
  return 1;
}

/* Let go of the commit without writing: the request goes up.  */
static __attribute__ ((always_inline)) inline void
offload_sync_leave (struct offload_ctx *c)
{
  if (c->s->nrec)
    __sync_fetch_and_add (&offload_sync.exited, 1);
}

/* Make the request's writes visible and let go of the commit.  */
static __attribute__ ((always_inline)) inline void
offload_sync_commit (struct offload_ctx *c)
{
  if (c->s->nrec == 0)
    return;
  __sync_fetch_and_add (&offload_sync.version, 1);
  offload_commit (c);
  __sync_fetch_and_add (&offload_sync.version, 1);
  __sync_fetch_and_add (&offload_sync.exited, 1);
}
