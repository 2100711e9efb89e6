/* sync.c: the program and the kernel never write shared state at once
   (the correctness contract, rule 3).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The kernel program commits a request's writes to the globals one CPU
   at a time, counting writers in and out in the map .data.offload_sync
   (bpfgen/runtime/xdp-sync.h).  A request the program receives was
   passed up after any kernel request that could still commit had
   entered: a writer that enters later sees the pass and goes up itself
   (xdp-order.h).  So before the program handles what it received, this
   waits until the writers that entered have left; their commits are a
   few hundred instructions of BPF, which never block.  */

#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <bpf/libbpf.h>

#include "split-internal.h"

int
split_sync_setup (struct split_service *svc, struct bpf_map *map,
		  char *why, size_t why_size)
{
  size_t size = split_round_up (bpf_map__value_size (map), SPLIT_PAGE_SIZE);
  struct split_sync_state *s;

  if (bpf_map__value_size (map) < sizeof *s
      || !(bpf_map__map_flags (map) & BPF_F_MMAPABLE))
    {
      snprintf (why, why_size, "the BPF object's %s is not what this "
		"libsplit (%s) expects; rebuild with the matching plugin",
		SPLIT_SYNC_MAP_NAME, split__version ());
      return -EINVAL;
    }
  s = mmap (NULL, size, PROT_READ, MAP_SHARED, bpf_map__fd (map), 0);
  if (s == MAP_FAILED)
    {
      int err = -errno;

      snprintf (why, why_size, "cannot mmap %s: %s", SPLIT_SYNC_MAP_NAME,
		strerror (-err));
      return err;
    }
  svc->sync = s;
  return 0;
}

void
split_sync_wait (const struct split_service *svc)
{
  const struct split_sync_state *s = svc->sync;
  unsigned int spins = 0;

  if (!s)
    return;
  /* Exited first: entered then counts every writer that has left, and
     any still inside.  */
  for (;;)
    {
      uint64_t exited = __atomic_load_n (&s->exited, __ATOMIC_ACQUIRE);
      uint64_t entered = __atomic_load_n (&s->entered, __ATOMIC_ACQUIRE);

      if (entered == exited)
	break;
      if (++spins % 64 == 0)
	sched_yield ();
    }
}
