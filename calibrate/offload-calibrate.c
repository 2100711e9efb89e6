/* offload-calibrate -- measure the benefit model's constants on this
   machine and write them as a costs file for -fplugin-arg-offload-costs.

   What it measures (the manual, node "Costs"):
     user_request_ns  half the CPU time of one UDP request and reply over
		      loopback, both ends in this process (poll, recvfrom
		      and sendto on the server's side; sendto and recvfrom
		      on the client's);
     xdp_run_ns       BPF_PROG_TEST_RUN's time per run of an XDP program
		      that only returns XDP_PASS;
     bpf_insn_ns      the time per instruction of a straight-line
		      program of ALU instructions, over the empty one;
     map_access_ns    the time per lookup of a program of array-map
		      lookups, over the empty one;
     user_stmt_ns     the time per operation of a chain of dependent
		      integer operations in C.
   The generator's constants (instructions per statement ...) are not
   properties of the machine: they are written with their defaults.
   Without the privileges BPF needs, the BPF constants keep their
   defaults too, and the file says so.  */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <errno.h>
#include <getopt.h>
#include <linux/bpf.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "offload-config.h"

/* One key of the costs file: lto/cost-keys.def, shared with the plugin.  */
struct cost
{
  const char *name;
  double value;
  int measured;
  const char *help;
  const char *note;		/* Why the default was kept, or NULL.  */
};

static struct cost costs[] = {
#define COST_KEY(NAME, DEFAULT, MEASURED, HELP) \
  { #NAME, DEFAULT, MEASURED, HELP, NULL },
#include "lto/cost-keys.def"
#undef COST_KEY
};

static struct cost *
cost_named (const char *name)
{
  for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++)
    if (strcmp (costs[i].name, name) == 0)
      return &costs[i];
  abort ();			/* A key this file measures must exist.  */
}

static double
cpu_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The median of N values at V (sorted in place).  */
static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* --- userspace ------------------------------------------------------ */

/* A bound UDP socket on 127.0.0.1 (port chosen by the kernel), or -1.  */
static int
loopback_socket (struct sockaddr_in *addr)
{
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  socklen_t len = sizeof *addr;
  memset (addr, 0, sizeof *addr);
  addr->sin_family = AF_INET;
  addr->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (fd, (struct sockaddr *) addr, sizeof *addr) < 0
      || getsockname (fd, (struct sockaddr *) addr, &len) < 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* Half the CPU time of a request and its reply over loopback, in ns; a
   negative value when the sockets fail.  */
static double
measure_user_request (int rounds)
{
  struct sockaddr_in srv_addr, cli_addr;
  int srv = loopback_socket (&srv_addr);
  int cli = loopback_socket (&cli_addr);
  if (srv < 0 || cli < 0)
    return -1;
  char buf[64] = "GET key\n";
  double samples[5];
  for (int s = 0; s < 5; s++)
    {
      double start = cpu_ns ();
      for (int i = 0; i < rounds; i++)
	{
	  struct sockaddr_in peer;
	  socklen_t peer_len = sizeof peer;
	  struct pollfd pfd = { .fd = srv, .events = POLLIN };
	  sendto (cli, buf, 8, 0, (struct sockaddr *) &srv_addr,
		  sizeof srv_addr);
	  if (poll (&pfd, 1, 1000) != 1)
	    return -1;
	  ssize_t n = recvfrom (srv, buf, sizeof buf, 0,
				(struct sockaddr *) &peer, &peer_len);
	  sendto (srv, buf, n > 0 ? (size_t) n : 0, 0,
		  (struct sockaddr *) &peer, peer_len);
	  if (recv (cli, buf, sizeof buf, 0) < 0)
	    return -1;
	}
      samples[s] = (cpu_ns () - start) / rounds / 2;
    }
  close (srv);
  close (cli);
  return median (samples, 5);
}

/* ns per operation of a chain of dependent integer operations.  */
static double
measure_user_stmt (long rounds)
{
  double samples[5];
  for (int s = 0; s < 5; s++)
    {
      volatile unsigned long sink;
      unsigned long x = (unsigned long) s;
      double start = cpu_ns ();
      for (long i = 0; i < rounds; i++)
	{
	  x = x * 31 + (unsigned long) i;	/* Two operations ...  */
	  x ^= x >> 7;				/* ... and two more.  */
	  __asm__ volatile ("" : "+r" (x));	/* Keep the chain.  */
	}
      sink = x;
      (void) sink;
      samples[s] = (cpu_ns () - start) / rounds / 4;
    }
  return median (samples, 5);
}

/* --- BPF ------------------------------------------------------------ */

static struct bpf_insn
insn (__u8 code, __u8 dst, __u8 src, __s16 off, __s32 imm)
{
  struct bpf_insn i = { .code = code, .dst_reg = dst, .src_reg = src,
			.off = off, .imm = imm };
  return i;
}

/* An XDP program of ALU instructions (ALUS of them) and array-map
   lookups (LOOKUPS of them, on MAP_FD), returning XDP_PASS.  Its fd, or
   -1 with errno set.  */
static int
load_program (int alus, int lookups, int map_fd)
{
  int max = alus + lookups * 8 + 8;
  struct bpf_insn *p = calloc (max, sizeof *p);
  int n = 0;
  if (!p)
    return -1;
  /* r6 = 0, the ALU chain's register.  */
  p[n++] = insn (BPF_ALU64 | BPF_MOV | BPF_K, 6, 0, 0, 0);
  for (int i = 0; i < alus; i++)
    p[n++] = insn (BPF_ALU64 | BPF_ADD | BPF_K, 6, 0, 0, 1);
  if (lookups)
    /* *(u32 *)(r10 - 4) = 0: the key.  */
    p[n++] = insn (BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0);
  for (int i = 0; i < lookups; i++)
    {
      /* r1 = map (two-slot load), r2 = r10 - 4, call lookup.  */
      p[n++] = insn (BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0,
		     map_fd);
      p[n++] = insn (0, 0, 0, 0, 0);
      p[n++] = insn (BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0);
      p[n++] = insn (BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4);
      p[n++] = insn (BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem);
    }
  p[n++] = insn (BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, XDP_PASS);
  p[n++] = insn (BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  int fd = bpf_prog_load (BPF_PROG_TYPE_XDP, "offload_calib", "GPL", p, n,
			  NULL);
  int saved = errno;
  free (p);
  errno = saved;
  return fd;
}

/* The median of BPF_PROG_TEST_RUN's ns per run of program FD, or -1.  */
static double
time_program (int fd, int repeat)
{
  unsigned char packet[64] = { 0 };
  double samples[5];
  for (int s = 0; s < 5; s++)
    {
      LIBBPF_OPTS (bpf_test_run_opts, opts, .data_in = packet,
		   .data_size_in = sizeof packet, .repeat = repeat);
      if (bpf_prog_test_run_opts (fd, &opts) < 0)
	return -1;
      samples[s] = opts.duration;
    }
  return median (samples, 5);
}

/* Measure the BPF constants into COSTS; return NULL, or why not.  */
static const char *
measure_bpf (int repeat)
{
  static char why[256];
  const int alus = 2000, lookups = 64;
  int map = bpf_map_create (BPF_MAP_TYPE_ARRAY, "offload_calib", 4, 8, 1,
			    NULL);
  if (map < 0)
    {
      snprintf (why, sizeof why, "cannot create a BPF map: %s",
		strerror (errno));
      return why;
    }
  int empty = load_program (0, 0, map);
  int alu = load_program (alus, 0, map);
  int lookup = load_program (0, lookups, map);
  const char *result = NULL;
  if (empty < 0 || alu < 0 || lookup < 0)
    {
      snprintf (why, sizeof why, "cannot load an XDP program: %s",
		strerror (errno));
      result = why;
    }
  else
    {
      double t0 = time_program (empty, repeat);
      double t1 = time_program (alu, repeat);
      double t2 = time_program (lookup, repeat);
      if (t0 < 0 || t1 < 0 || t2 < 0)
	{
	  snprintf (why, sizeof why, "BPF_PROG_TEST_RUN fails: %s",
		    strerror (errno));
	  result = why;
	}
      else
	{
	  cost_named ("xdp_run_ns")->value = t0;
	  cost_named ("bpf_insn_ns")->value = t1 > t0 ? (t1 - t0) / alus : 0;
	  cost_named ("map_access_ns")->value
	    = t2 > t0 ? (t2 - t0) / lookups : 0;
	}
    }
  /* Nothing stays loaded: the programs and the map go with their fds.  */
  int fds[] = { empty, alu, lookup, map };
  for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
    if (fds[i] >= 0)
      close (fds[i]);
  return result;
}

/* --- output --------------------------------------------------------- */

static void
write_costs (FILE *out, const char *bpf_why, const char *user_why)
{
  struct utsname u;
  time_t now = time (NULL);
  char date[64];
  strftime (date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime (&now));
  fprintf (out, "# offload costs, written by offload-calibrate %s on %s\n",
	   PACKAGE_VERSION, date);
  if (uname (&u) == 0)
    fprintf (out, "# machine: %s %s %s, %ld CPUs\n", u.nodename, u.release,
	     u.machine, sysconf (_SC_NPROCESSORS_ONLN));
  fprintf (out, "# use: gcc ... -fplugin-arg-offload-costs=FILE\n");
  if (bpf_why)
    fprintf (out, "# BPF constants not measured (%s): defaults kept\n",
	     bpf_why);
  if (user_why)
    fprintf (out, "# user_request_ns not measured (%s): default kept\n",
	     user_why);
  for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++)
    fprintf (out, "\n# %s%s\n%s %.3f\n", costs[i].help,
	     costs[i].measured ? "" : " (not measured)",
	     costs[i].name, costs[i].value);
}

static void
usage (FILE *out)
{
  fprintf (out,
	   "Usage: offload-calibrate [OPTION]...\n"
	   "Measure the offload benefit model's constants on this machine and\n"
	   "write them as a costs file for -fplugin-arg-offload-costs=FILE.\n\n"
	   "  -o, --output=FILE  write to FILE instead of standard output\n"
	   "  -q, --quick        fewer rounds: faster, less precise\n"
	   "  -h, --help         print this help and exit\n"
	   "  -V, --version      print the version and exit\n\n"
	   "The BPF constants need CAP_BPF (root); without it they keep their\n"
	   "defaults and the file says so.  Nothing is left loaded.\n");
}

int
main (int argc, char **argv)
{
  static const struct option options[] = {
    { "output", required_argument, NULL, 'o' },
    { "quick", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  const char *output = NULL;
  int quick = 0, c;
  while ((c = getopt_long (argc, argv, "o:qhV", options, NULL)) != -1)
    switch (c)
      {
      case 'o':
	output = optarg;
	break;
      case 'q':
	quick = 1;
	break;
      case 'h':
	usage (stdout);
	return 0;
      case 'V':
	printf ("offload-calibrate %s\n", PACKAGE_VERSION);
	return 0;
      default:
	usage (stderr);
	return 2;
      }
  if (optind < argc)
    {
      fprintf (stderr, "offload-calibrate: unexpected argument '%s'\n",
	       argv[optind]);
      usage (stderr);
      return 2;
    }

  const char *user_why = NULL;
  double r = measure_user_request (quick ? 2000 : 20000);
  if (r > 0)
    cost_named ("user_request_ns")->value = r;
  else
    user_why = "loopback UDP sockets fail";
  cost_named ("user_stmt_ns")->value
    = measure_user_stmt (quick ? 2000000 : 50000000);
  const char *bpf_why = measure_bpf (quick ? 2000 : 50000);
  if (bpf_why)
    fprintf (stderr, "offload-calibrate: %s; the BPF constants keep their "
	     "defaults\n", bpf_why);

  FILE *out = output ? fopen (output, "w") : stdout;
  if (!out)
    {
      fprintf (stderr, "offload-calibrate: cannot write '%s': %s\n", output,
	       strerror (errno));
      return 1;
    }
  write_costs (out, bpf_why, user_why);
  if (output ? fclose (out) != 0 : fflush (out) != 0)
    {
      fprintf (stderr, "offload-calibrate: cannot write '%s': %s\n",
	       output ? output : "standard output", strerror (errno));
      return 1;
    }
  return 0;
}
