/* xdp-attach: attach an XDP program to an interface through a BPF link
   and hold it until SIGTERM or SIGINT.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The benchmark's loader (bench/run-bench.sh).  Without OBJECT it loads
   a two-instruction XDP_PASS program: on the client's side of a veth
   pair it is what native-mode XDP_TX replies from the server's side need
   to arrive.  With OBJECT (bench/kv-xdp.bpf.o) it loads the object's
   first program, writes the port to the map kv_config, and at exit
   prints the per-CPU sums of kv_stats ("tx N fallback N other N").

   The link goes with the process: nothing stays attached if it dies.

   Usage: xdp-attach [--mode native|generic] [--port PORT] IFNAME [OBJECT]
   It prints "attached" on standard output once the program is on.  */

#define _GNU_SOURCE 1

#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static volatile sig_atomic_t stop;

static void
on_signal (int sig)
{
  (void) sig;
  stop = 1;
}

static void __attribute__ ((noreturn))
die (const char *what, int err)
{
  fprintf (stderr, "xdp-attach: %s: %s\n", what, strerror (err < 0 ? -err : err));
  exit (1);
}

static int
silent (enum libbpf_print_level level, const char *fmt, va_list ap)
{
  if (level == LIBBPF_DEBUG || getenv ("XDP_ATTACH_QUIET"))
    return 0;
  return vfprintf (stderr, fmt, ap);
}

int
main (int argc, char **argv)
{
  __u32 flags = XDP_FLAGS_SKB_MODE;
  long port = 0;
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    if (strcmp (argv[i], "--mode") == 0 && i + 1 < argc)
      {
	i++;
	if (strcmp (argv[i], "native") == 0)
	  flags = XDP_FLAGS_DRV_MODE;
	else if (strcmp (argv[i], "generic") == 0)
	  flags = XDP_FLAGS_SKB_MODE;
	else
	  {
	    fprintf (stderr, "xdp-attach: --mode native or generic\n");
	    return 2;
	  }
      }
    else if (strcmp (argv[i], "--port") == 0 && i + 1 < argc)
      port = strtol (argv[++i], NULL, 10);
    else
      break;
  if (argc - i < 1 || argc - i > 2)
    {
      fprintf (stderr, "usage: xdp-attach [--mode native|generic] "
	       "[--port PORT] IFNAME [OBJECT]\n");
      return 2;
    }
  libbpf_set_print (silent);

  unsigned ifindex = if_nametoindex (argv[i]);
  if (!ifindex)
    die (argv[i], errno);

  struct bpf_object *obj = NULL;
  int prog_fd, stats_fd = -1;
  if (i + 1 < argc)
    {
      obj = bpf_object__open_file (argv[i + 1], NULL);
      if (!obj)
	die (argv[i + 1], errno);
      int err = bpf_object__load (obj);
      if (err)
	die ("bpf_object__load", err);
      struct bpf_program *prog = bpf_object__next_program (obj, NULL);
      if (!prog)
	die ("no program in the object", ENOENT);
      prog_fd = bpf_program__fd (prog);
      struct bpf_map *cfg = bpf_object__find_map_by_name (obj, "kv_config");
      if (cfg)
	{
	  __u32 zero = 0;
	  __u16 p = htons ((__u16) port);
	  char value[64] = { 0 };
	  memcpy (value, &p, sizeof p);
	  err = bpf_map_update_elem (bpf_map__fd (cfg), &zero, value, 0);
	  if (err)
	    die ("kv_config", err);
	}
      struct bpf_map *st = bpf_object__find_map_by_name (obj, "kv_stats");
      if (st)
	stats_fd = bpf_map__fd (st);
    }
  else
    {
      /* r0 = XDP_PASS; exit */
      struct bpf_insn insns[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = XDP_PASS },
	{ .code = BPF_JMP | BPF_EXIT },
      };
      prog_fd = bpf_prog_load (BPF_PROG_TYPE_XDP, "xdp_pass", "GPL", insns,
			       2, NULL);
      if (prog_fd < 0)
	die ("bpf_prog_load", prog_fd);
    }

  LIBBPF_OPTS (bpf_link_create_opts, opts, .flags = flags);
  int link = bpf_link_create (prog_fd, ifindex, BPF_XDP, &opts);
  if (link < 0)
    die ("bpf_link_create (XDP)", link);

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);
  printf ("attached\n");
  fflush (stdout);
  while (!stop)
    pause ();

  if (stats_fd >= 0)
    {
      int ncpu = libbpf_num_possible_cpus ();
      __u64 *v = calloc (ncpu > 0 ? ncpu : 1, sizeof *v);
      unsigned long long sum[3] = { 0, 0, 0 };
      for (__u32 k = 0; v && k < 3; k++)
	if (bpf_map_lookup_elem (stats_fd, &k, v) == 0)
	  for (int c = 0; c < ncpu; c++)
	    sum[k] += v[c];
      printf ("tx %llu fallback %llu other %llu\n", sum[0], sum[1], sum[2]);
      free (v);
    }
  close (link);
  bpf_object__close (obj);
  return 0;
}
