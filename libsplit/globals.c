/* globals.c: let the kernel program and the program share globals.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The kernel program keeps the program's shared globals in one mmapable
   array map (libbpf's map of the section .data.offload_globals), each at
   a page-aligned offset of its value.  Rather than rewrite every access
   of the program, libsplit maps those pages of the map right over the
   globals' own pages (MAP_SHARED|MAP_FIXED): from then on the program's
   ordinary loads and stores are the kernel program's map reads and
   writes, and the other way round.  The plugin makes each shared global
   page-aligned and pads it to whole pages, so no other variable of the
   program moves into the map with it.  */

#define _GNU_SOURCE 1
#include <offload-config.h>

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#include "split-internal.h"

/* Check the descriptor's globals against MAP's value of VALUE_SIZE bytes
   before touching anything.  */
static int
split_globals_check (const struct split_program *prog, size_t value_size,
		     char *why, size_t why_size)
{
  for (unsigned long i = 0; i < prog->n_globals; i++)
    {
      const struct split_shared_global *g = &prog->globals[i];
      const char *name = g->name ? g->name : "(unnamed)";

      if ((uintptr_t) g->addr % SPLIT_PAGE_SIZE
	  || g->map_offset % SPLIT_PAGE_SIZE)
	{
	  snprintf (why, why_size, "shared global %s is not page-aligned; "
		    "rebuild with the matching plugin", name);
	  return -EINVAL;
	}
      if (g->size == 0 || g->size > value_size
	  || g->map_offset > value_size - g->size)
	{
	  snprintf (why, why_size, "shared global %s (%lu bytes at %lu) does "
		    "not fit the globals map (%zu bytes)", name, g->size,
		    g->map_offset, value_size);
	  return -EINVAL;
	}
    }
  return 0;
}

/* Put back private memory under the first N shared globals of PROG,
   holding what the map holds now.  mremap replaces the shared pages in one
   step, so the global never reads as anything else meanwhile.  */
static void
split_globals_restore (const struct split_program *prog, int n)
{
  for (int i = 0; i < n; i++)
    {
      const struct split_shared_global *g = &prog->globals[i];
      size_t len = split_round_up (g->size, SPLIT_PAGE_SIZE);
      void *copy = mmap (NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (copy == MAP_FAILED)
	{
	  /* The shared pages stay; they are still the global's memory,
	     only kept alive by the map.  */
	  pr_debug ("cannot unshare %s: %s\n", g->name, strerror (errno));
	  continue;
	}
      memcpy (copy, g->addr, len);
      if (mremap (copy, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, g->addr)
	  == MAP_FAILED)
	{
	  pr_debug ("cannot unshare %s: %s\n", g->name, strerror (errno));
	  munmap (copy, len);
	}
    }
}

int
split_globals_share (struct split_service *svc, struct bpf_map *map,
		     char *why, size_t why_size)
{
  const struct split_program *prog = svc->prog;
  size_t value_size = bpf_map__value_size (map);
  size_t mem_size = split_round_up (value_size, SPLIT_PAGE_SIZE);
  long page = sysconf (_SC_PAGESIZE);
  int fd = bpf_map__fd (map);
  unsigned char *mem;
  int err;

  /* With larger pages the plugin's 4096-byte alignment does not keep
     other variables out of the shared pages.  */
  if (page != (long) SPLIT_PAGE_SIZE)
    {
      snprintf (why, why_size, "shared globals need 4096-byte pages, this "
		"system has %ld", page);
      return -EOPNOTSUPP;
    }
  if (!(bpf_map__map_flags (map) & BPF_F_MMAPABLE)
      || bpf_map__max_entries (map) != 1)
    {
      snprintf (why, why_size, "the globals map cannot be mmapped");
      return -EOPNOTSUPP;
    }
  err = split_globals_check (prog, value_size, why, why_size);
  if (err)
    return err;

  /* Our own view of the whole value, rather than libbpf's: whether
     libbpf's copy is the map itself after load depends on its version.  */
  mem = mmap (NULL, mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (mem == MAP_FAILED)
    {
      err = -errno;
      snprintf (why, why_size, "cannot mmap the globals map: %s",
		strerror (-err));
      return err;
    }

  for (unsigned long i = 0; i < prog->n_globals; i++)
    {
      const struct split_shared_global *g = &prog->globals[i];
      size_t len = split_round_up (g->size, SPLIT_PAGE_SIZE);

      /* Whole pages: the padding the plugin added goes too, and it is
	 what the program's pages hold right now, initialised or not.  */
      memcpy (mem + g->map_offset, g->addr, len);
      if (mmap (g->addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		fd, g->map_offset) == MAP_FAILED)
	{
	  err = -errno;
	  snprintf (why, why_size, "cannot map shared global %s onto the "
		    "globals map: %s", g->name, strerror (-err));
	  split_globals_restore (prog, i);
	  munmap (mem, mem_size);
	  return err;
	}
      svc->n_shared = i + 1;
      pr_debug ("%s: global %s (%lu bytes) shared at offset %lu\n",
		prog->name, g->name, g->size, g->map_offset);
    }
  munmap (mem, mem_size);
  return 0;
}

void
split_globals_unshare (struct split_service *svc)
{
  split_globals_restore (svc->prog, svc->n_shared);
  svc->n_shared = 0;
}
