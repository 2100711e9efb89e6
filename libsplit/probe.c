/* probe.c: can this process use BPF at all?

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#include <offload-config.h>

#include <unistd.h>
#include <bpf/bpf.h>

#include "split-internal.h"

/* Creating a map is the cheapest request that needs the same privilege
   (CAP_BPF) and kernel support as loading the fast path, and it leaves
   nothing behind once its descriptor is closed.  Return 0 or a negative
   errno; log why at LEVEL, which is SPLIT_DEBUG when the caller reports
   the failure itself (the service start says it in its one line).  */
int
split_probe_map (unsigned int map_flags, enum split_print_level level)
{
  int fd, err;

  LIBBPF_OPTS (bpf_map_create_opts, create_opts, .map_flags = map_flags);
  /* No map name: kernels before 4.15 reject one, and the probe should
     answer the question asked, not a different one.  */
  fd = bpf_map_create (BPF_MAP_TYPE_ARRAY, NULL, sizeof (int), sizeof (int),
		       1, &create_opts);
  if (fd < 0)
    {
      /* libbpf sets errno in both its legacy and its 1.0 error modes.  */
      err = errno ? -errno : -EINVAL;
      if (err == -EPERM || err == -EACCES)
	split__print (level, "cannot create a BPF map: %s; need CAP_BPF and "
		      "CAP_NET_ADMIN; serving from userspace only\n",
		      strerror (-err));
      else if (err == -EINVAL && map_flags)
	split__print (level, "kernel rejects BPF map flags 0x%x: %s; a newer "
		      "kernel is needed to share state; serving from "
		      "userspace only\n", map_flags, strerror (-err));
      else
	split__print (level, "cannot create a BPF map: %s; is the kernel "
		      "built with CONFIG_BPF_SYSCALL?; serving from userspace "
		      "only\n", strerror (-err));
      return err;
    }
  close (fd);
  pr_debug ("BPF maps can be created (flags 0x%x)\n", map_flags);
  return 0;
}

int
split__probe_kernel (const struct split_probe_opts *opts)
{
  if (!OPTS_VALID (opts, split_probe_opts))
    return split_err (-EINVAL);
  return split_err (split_probe_map (OPTS_GET (opts, map_flags, 0),
				     SPLIT_WARN));
}
