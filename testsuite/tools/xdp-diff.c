/* xdp-diff: differential test driver for offload's XDP fast paths.

   Copyright (C) 2025 the offload authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.

   The XDP program the plugin generates must answer every request exactly
   as the original server would (DESIGN.md, "The correctness contract").
   This driver checks that on made-up Ethernet frames: it runs each frame
   through the program with BPF_PROG_TEST_RUN, which executes the program
   on a copy of the frame and never puts anything on a wire, and sends the
   same UDP payload to the reference server (the original program, built
   without offload) over a real loopback socket.  Then it compares what the
   kernel would have done with what the reference did.

   Only valid datagrams for the service that the program answers or
   drops reach the reference server.  The malformed and not-for-us
   frames never do: the XDP program must pass them up untouched, which
   leaves both sides' state alone.  Nor do the requests it passes up
   (fallbacks): the split program's userspace would handle those, and no
   userspace half runs here.  So the two keep seeing the same stream of
   requests in the same order.  */

#define _GNU_SOURCE 1

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "frame.h"
#include "packet-fuzz.h"
#include "reference-idle.h"
#include "request-file.h"

#define PROGRAM_NAME "xdp-diff"

/* Exit statuses.  2 lets the DejaGnu side tell "cannot test here" (no
   CAP_BPF, say) from a real failure, in the spirit of automake's 77.  */
#define EXIT_DIFFERENCES 1
#define EXIT_UNSUPPORTED 2

/* The interface shared with the code generator (xdp-interfaces.md).  */
#define OFFLOAD_PROG_NAME "offload_xdp"
#define OFFLOAD_CONFIG_MAP "offload_config"

struct offload_config
{
  uint16_t port;		/* network byte order; 0 = inactive */
  uint8_t family;		/* 2 = AF_INET, 10 = AF_INET6 */
  uint8_t v6only;
  uint8_t bound;
  uint8_t pad[3];
  uint8_t addr[16];
};

/* XDP verdicts (enum xdp_action); spelled out so the driver does not
   depend on which kernel headers are installed.  */
enum
{
  VERDICT_ABORTED = 0,
  VERDICT_DROP = 1,
  VERDICT_PASS = 2,
  VERDICT_TX = 3,
  VERDICT_REDIRECT = 4
};

/* Sizes.  BPF_PROG_TEST_RUN puts an XDP frame in one page after 256
   bytes of headroom and before the skb_shared_info tail (320 bytes on
   x86-64), so the program can grow the frame with bpf_xdp_adjust_tail up
   to 4096 - 256 - 320 = 3520 bytes, and with bpf_xdp_adjust_head by 216
   bytes (measured on 6.18).  Bigger inputs are split into fragments,
   which a program loaded without BPF_F_XDP_HAS_FRAGS only partly sees.
   Requests are limited so that every frame built here stays well inside
   that linear area, leaving room for longer replies.  If data_out is
   too small for the result, the run fails with ENOSPC.  */
#define MAX_REQUEST 2048	/* OFFLOAD_MAX_COPY */
#define OVERSIZED_PAYLOAD 1400	/* "about one Ethernet MTU" */
#define OUT_ROOM 16384		/* data_out: more than a page, so that even
				   a fragmented result fits and -ENOSPC
				   means a real bug */
#define REPLY_ROOM 65536	/* largest UDP datagram */


/* Made-up, locally administered MAC addresses; different in every byte
   so that a half-done swap shows.  */
static const uint8_t server_mac[6] = { 0x02, 0x5e, 0x7e, 0x00, 0x00, 0x01 };
static const uint8_t client_mac[6] = { 0x0a, 0xc1, 0x1e, 0x47, 0x00, 0x02 };

/* Source port for frames of an IP version no reference socket exists
   for (they are never sent anywhere).  */
#define DUMMY_SOURCE_PORT 40000

/* ------------------------------------------------------------------ */
/* Options.  */

static const char *opt_object;
static bool opt_load_only;
static long opt_port = -1;
static const char *opt_requests;
static long opt_count = 300;
static int opt_family = 4;
static const char *opt_bound;
static bool opt_v6only;
static long opt_timeout_ms = 300;
static long opt_reference_pid;
static bool opt_fuzz;
static unsigned long opt_fuzz_seed;
static int opt_verbose;

static void
usage (FILE *out)
{
  fprintf (out, "\
Usage: " PROGRAM_NAME " --object OBJ --load-only [--verbose]\n\
  or:  " PROGRAM_NAME " --object OBJ --port P --requests FILE [--count N]\n\
                [--family 4|6] [--bound ADDR] [--v6only] [--timeout-ms MS]\n\
                [--fuzz SEED] [--reference-pid PID] [--verbose]\n\
\n\
Differential test driver for offload's XDP fast paths.  Load the BPF\n\
object OBJ (program " OFFLOAD_PROG_NAME ") with libbpf; with --load-only,\n\
stop there.  Otherwise write the map " OFFLOAD_CONFIG_MAP ", run packets\n\
built from FILE's requests through the program with BPF_PROG_TEST_RUN,\n\
send the same payloads to the reference server listening on loopback port\n\
P, and compare.\n\
\n\
Options:\n\
  --object OBJ       the BPF object (bpf-gcc output) to load\n\
  --load-only        only load OBJ; on a verifier error print the log\n\
  --port P           the service port, 1-65535 (the reference server's)\n\
  --requests FILE    the request payloads (format below)\n\
  --count N          run at least N packets (default 300); the run grows\n\
                     so that every request meets every variant once\n\
  --family 4|6       the service socket's family: 4 = AF_INET (default;\n\
                     reference at 127.0.0.1:P), 6 = AF_INET6 (reference at\n\
                     [::1]:P, and IPv4 datagrams at 127.0.0.1:P count as\n\
                     v4-mapped ones for the service unless --v6only)\n\
  --bound ADDR       the service socket is bound to ADDR (default: any\n\
                     address); frames and reference traffic go to ADDR,\n\
                     which must reach the reference server\n\
  --v6only           with --family 6: the socket is IPV6_V6ONLY, so IPv4\n\
                     datagrams are not for it\n\
  --fuzz SEED        run exactly N (--count) fuzzed packets instead: each a\n\
                     random request and service variant, its payload and\n\
                     headers mutated (VLAN tags, ethertype, IPv4 options,\n\
                     flags, fragments, lengths, checksums, addresses,\n\
                     ports, IPv6 extension headers, truncation, oversized\n\
                     payloads) from generator seed SEED; a frame still for\n\
                     the service is judged as below, any other must pass\n\
                     up unchanged; a difference also prints the frame\n\
  --reference-pid PID  the reference server's process (single-threaded):\n\
                     a request it read and handled without replying\n\
                     counts as answered with no reply at once, rather\n\
                     than after the timeout\n\
  --timeout-ms MS    how long to wait for each reference reply (default\n\
                     300); a request the program drops costs this long,\n\
                     and a reply later than this is taken for the next\n\
                     request's (still a difference, reported late)\n\
  -v, --verbose      one line per packet, and libbpf's messages; twice:\n\
                     libbpf's debug messages too\n\
  --help             print this help and exit\n\
\n\
Request file: one request payload per line, after an expectation and one\n\
space: 'k ' the kernel must answer it (XDP_TX or XDP_DROP), 'u ' it must\n\
go up to userspace (XDP_PASS), '* ' either.  C escapes: \\n \\r \\t \\\\\n\
\\xNN \\0 \\NNN (octal) \\a \\b \\f \\v \\e \\\" \\' \\?.  Empty lines and\n\
lines starting with '#' are ignored.  At most %d bytes per request.\n\
\n\
Variants.  For the service (also sent to the reference): plain IPv4,\n\
802.1Q and 802.1ad tags, IPv4 options (may fall back), oversized\n\
(request padded with NULs to %d bytes), IPv4 UDP checksum 0; with\n\
--family 6 also IPv6, IPv6 with a tag, IPv6 oversized.  Not for the\n\
service (the program must return XDP_PASS and leave the frame as it\n\
was): other port or address, IPv4 fragments, malformed IPv4 options, a\n\
source route, frames cut inside the IP header, the UDP header or the\n\
payload, UDP length above or below what the IP header says, bad IPv4\n\
header checksum, version or IHL, TCP, ARP, two VLAN tags, IPv6 with an\n\
extension header, and IPv6 datagrams for an IPv4 service.\n\
\n\
Verdicts for service frames: XDP_TX must be a well-formed reply (MAC, IP\n\
and port swapped, tag kept, lengths and checksums right) carrying the\n\
reference's reply byte for byte; XDP_DROP needs the reference to stay\n\
silent for MS milliseconds (or, with --reference-pid, until it is\n\
idle); XDP_PASS needs the frame unchanged and is a fallback, not a\n\
difference, except on a 'k' request (the oversized variant may always\n\
fall back: it may exceed what the fast path copies); a request passed\n\
up is not sent to the reference (userspace would handle it).\n\
A 'u' request answered with XDP_TX or XDP_DROP is a difference (not in\n\
the oversized variant: the padding makes it another request).\n\
\n\
Output: one line per difference, then\n\
  " PROGRAM_NAME ": packets N, tx N, drop N, pass N, differences N\n\
Exit status: 0 no differences (or loaded, with --load-only); 1 differences,\n\
a load failure or any other error; 2 no privilege to load BPF programs\n\
(test UNSUPPORTED).  Time is bounded by about N * (MS + 1) milliseconds.\n",
	   MAX_REQUEST, OVERSIZED_PAYLOAD);
}

static void __attribute__ ((noreturn, format (printf, 1, 2)))
fatal (const char *fmt, ...)
{
  va_list ap;

  fputs (PROGRAM_NAME ": ", stderr);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (EXIT_DIFFERENCES);
}

static void *
xmalloc (size_t n)
{
  void *p = malloc (n ? n : 1);

  if (!p)
    fatal ("out of memory");
  return p;
}

static long
parse_number (const char *opt, const char *arg, long lo, long hi)
{
  char *end;
  long v;

  errno = 0;
  v = strtol (arg, &end, 10);
  if (errno || end == arg || *end || v < lo || v > hi)
    fatal ("%s: '%s' is not a number from %ld to %ld", opt, arg, lo, hi);
  return v;
}

/* ------------------------------------------------------------------ */
/* libbpf messages.  libbpf prints the verifier log through its print
   callback, interleaved with its own notes (this kernel rejects the BTF
   bpf-gcc emits, and libbpf says so at length before loading without
   it).  Collect everything and show it only when the load fails or the
   user asked, so that a passing run stays quiet.  */

static char *libbpf_log;
static size_t libbpf_log_len;
static size_t libbpf_log_size;

static int
collect_libbpf_output (enum libbpf_print_level level, const char *fmt,
		       va_list ap)
{
  va_list aq;
  int n;

  if (level == LIBBPF_DEBUG && opt_verbose < 2)
    return 0;
  va_copy (aq, ap);
  n = vsnprintf (NULL, 0, fmt, aq);
  va_end (aq);
  if (n <= 0)
    return 0;
  if (libbpf_log_len + n + 1 > libbpf_log_size)
    {
      size_t size = libbpf_log_size ? libbpf_log_size : 4096;
      char *p;

      while (libbpf_log_len + n + 1 > size)
	size *= 2;
      p = realloc (libbpf_log, size);
      if (!p)
	return 0;		/* Losing the log is better than dying.  */
      libbpf_log = p;
      libbpf_log_size = size;
    }
  vsnprintf (libbpf_log + libbpf_log_len, n + 1, fmt, ap);
  libbpf_log_len += n;
  return n;
}

static void
dump_libbpf_log (void)
{
  if (libbpf_log_len)
    fwrite (libbpf_log, 1, libbpf_log_len, stderr);
  libbpf_log_len = 0;
}

/* A failure that only says we may not use bpf(2) here: the test harness
   reports the test UNSUPPORTED instead of FAILED.  */
static void __attribute__ ((noreturn))
unsupported (const char *what)
{
  if (opt_verbose)
    dump_libbpf_log ();
  fprintf (stderr, PROGRAM_NAME ": UNSUPPORTED: %s: %s; BPF_PROG_TEST_RUN "
	   "needs CAP_BPF and CAP_NET_ADMIN (or root)\n",
	   what, strerror (EPERM));
  exit (EXIT_UNSUPPORTED);
}

/* ------------------------------------------------------------------ */
/* Requests (request-file.h).  */

static struct request *requests;
static size_t n_requests;

static void
read_requests (const char *file)
{
  char err[512];

  n_requests = request_file_read (file, MAX_REQUEST, &requests, err,
				  sizeof err);
  if (n_requests == 0)
    fatal ("%s", err);
}

/* ------------------------------------------------------------------ */
/* Variants.  */

enum variant_id
{
  V_PLAIN, V_VLAN, V_VLAN_AD, V_IP_OPTIONS, V_OVERSIZED, V_UDP_CSUM_ZERO,
  V_IPV6, V_IPV6_VLAN, V_IPV6_OVERSIZED,
  V_WRONG_PORT, V_WRONG_ADDR, V_FRAG_MF, V_FRAG_OFFSET,
  V_TRUNC_IP, V_TRUNC_UDP, V_TRUNC_PAYLOAD, V_UDP_LEN_LONG, V_UDP_LEN_SHORT,
  V_BAD_IP_CSUM, V_BAD_IP_VERSION, V_IHL_SHORT, V_TCP, V_ARP, V_VLAN_DOUBLE,
  V_IPV6_WRONG_PORT, V_IPV6_WRONG_ADDR, V_IPV6_TRUNC_IP, V_IPV6_TRUNC_UDP,
  V_IPV6_TRUNC_PAYLOAD, V_IPV6_UDP_LEN_LONG, V_IPV6_UDP_LEN_SHORT,
  V_IPV6_EXT, V_IPV6_TCP, V_BAD_UDP_CSUM, V_IPV6_BAD_UDP_CSUM,
  V_UDP_CSUM_PARTIAL, V_IPV6_UDP_CSUM_PARTIAL, V_IP_OPTIONS_BAD,
  V_IP_OPTIONS_SRR
};

/* Variant flags.  */
#define VF_SERVICE 1	/* a datagram for the service, if the socket's
			   family and address accept its IP version */
#define VF_IPV6 2	/* an IPv6 frame (else IPv4, or ARP) */
#define VF_FAMILY6 4	/* only with --family 6: IPv6 malformations
			   are uninteresting for an IPv4 service, which
			   must pass every IPv6 frame anyway */
#define VF_BOUND 8	/* only with --bound: unbound, any local
			   address is the service's */
#define VF_OVERSIZED 16	/* may fall back even on a 'k' request
			   (oversized; IP options) */

struct variant
{
  enum variant_id id;
  const char *name;
  unsigned int flags;
};

/* Service variants and malformed ones alternate, so that every pass over
   the requests mixes frames the program must answer with frames it must
   leave alone; a program that leaves a trace of the latter in its maps
   then answers a later request differently.  */
static const struct variant all_variants[] = {
  { V_PLAIN, "plain", VF_SERVICE },
  { V_WRONG_PORT, "wrong-port", 0 },
  { V_VLAN, "vlan", VF_SERVICE },
  { V_FRAG_MF, "fragment-mf", 0 },
  /* The program passes up every datagram with IP options (some the
     stack drops: see ip-options-bad), even a 'k' request.  */
  { V_IP_OPTIONS, "ip-options", VF_SERVICE | VF_OVERSIZED },
  { V_TRUNC_IP, "trunc-ip", 0 },
  { V_OVERSIZED, "oversized", VF_SERVICE | VF_OVERSIZED },
  { V_TRUNC_UDP, "trunc-udp", 0 },
  { V_UDP_CSUM_ZERO, "udp-csum-zero", VF_SERVICE },
  { V_TRUNC_PAYLOAD, "trunc-payload", 0 },
  { V_VLAN_AD, "vlan-8021ad", VF_SERVICE },
  { V_UDP_LEN_LONG, "udp-len-long", 0 },
  { V_IPV6, "ipv6", VF_SERVICE | VF_IPV6 },
  { V_UDP_LEN_SHORT, "udp-len-short", 0 },
  { V_IPV6_VLAN, "ipv6-vlan", VF_SERVICE | VF_IPV6 },
  { V_BAD_IP_CSUM, "bad-ip-csum", 0 },
  { V_IPV6_OVERSIZED, "ipv6-oversized",
    VF_SERVICE | VF_IPV6 | VF_OVERSIZED },
  { V_BAD_IP_VERSION, "bad-ip-version", 0 },
  { V_IHL_SHORT, "ihl-short", 0 },
  { V_TCP, "tcp", 0 },
  { V_ARP, "arp", 0 },
  { V_VLAN_DOUBLE, "vlan-double", 0 },
  { V_FRAG_OFFSET, "fragment-offset", 0 },
  { V_WRONG_ADDR, "wrong-addr", VF_BOUND },
  { V_IPV6_WRONG_PORT, "ipv6-wrong-port", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_WRONG_ADDR, "ipv6-wrong-addr", VF_IPV6 | VF_FAMILY6 | VF_BOUND },
  { V_IPV6_TRUNC_IP, "ipv6-trunc-ip", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_TRUNC_UDP, "ipv6-trunc-udp", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_TRUNC_PAYLOAD, "ipv6-trunc-payload", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_UDP_LEN_LONG, "ipv6-udp-len-long", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_UDP_LEN_SHORT, "ipv6-udp-len-short", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_EXT, "ipv6-ext", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_TCP, "ipv6-tcp", VF_IPV6 | VF_FAMILY6 },
  /* The stack drops a datagram with a wrong UDP checksum; one from this
     host (veth, loopback) may carry only the pseudo-header's sum, which
     the stack accepts.  */
  { V_BAD_UDP_CSUM, "bad-udp-csum", 0 },
  { V_UDP_CSUM_PARTIAL, "udp-csum-partial", VF_SERVICE },
  { V_IPV6_BAD_UDP_CSUM, "ipv6-bad-udp-csum", VF_IPV6 | VF_FAMILY6 },
  { V_IPV6_UDP_CSUM_PARTIAL, "ipv6-udp-csum-partial", VF_SERVICE | VF_IPV6 },
  /* Found by --fuzz: options the stack drops (ip_options_compile,
     ip_rcv_options), once answered by the program.  */
  { V_IP_OPTIONS_BAD, "ip-options-bad", 0 },
  { V_IP_OPTIONS_SRR, "ip-options-srr", 0 },
};

#define N_ALL_VARIANTS (sizeof all_variants / sizeof all_variants[0])

static const struct variant *variants[N_ALL_VARIANTS];
static size_t n_variants;

/* ------------------------------------------------------------------ */
/* The service and the reference server.  */

/* What the service accepts, as the program's config says it.  */
static struct offload_config config;

/* One connected UDP socket per IP version towards the reference server.
   Connecting fixes the peer, so that only the server's datagrams come
   back, and makes an ICMP port unreachable (no server) an error instead
   of a silent timeout.  The socket's own address and port are written
   into the frames' source fields, so the program and the reference see
   the same peer; a server that keys state or replies on the peer then
   behaves the same on both sides.  */
struct endpoint
{
  int fd;			/* -1: no service frames of this version */
  int ipver;
  uint8_t src[16];		/* frame source = the socket's address */
  uint16_t sport;		/* network order */
  uint8_t dst[16];		/* frame destination = the service's */
  uint16_t dport;		/* network order */
  char name[INET6_ADDRSTRLEN + 8];	/* for messages */

  /* The last packet sent on this socket, to which a datagram arriving
     before the next send belongs (a late or second reply).  */
  bool have_last;
  unsigned long last_packet;
  const struct variant *last_variant;
  unsigned int last_line;
  int last_verdict;
};

static struct endpoint ep4 = { .fd = -1, .ipver = 4 };
static struct endpoint ep6 = { .fd = -1, .ipver = 6 };

/* Whether the service accepts datagrams of IP version IPVER at the
   destination address frames are built with.  */
static bool v4_for_service;
static bool v6_for_service;

static const uint8_t v4mapped_prefix[12] =
  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static void
setup_service (void)
{
  uint8_t bound[16] = { 0 };
  bool bound_v4mapped = false;
  static const uint8_t zero[16];

  config.port = htons ((uint16_t) opt_port);
  config.family = opt_family == 6 ? AF_INET6 : AF_INET;
  config.v6only = opt_family == 6 && opt_v6only;

  if (opt_bound)
    {
      if (opt_family == 4)
	{
	  if (inet_pton (AF_INET, opt_bound, bound) != 1)
	    fatal ("--bound: '%s' is not an IPv4 address", opt_bound);
	}
      else if (inet_pton (AF_INET6, opt_bound, bound) != 1)
	{
	  /* An IPv4 address for an AF_INET6 socket: the v4-mapped one,
	     which is what bind would have been given.  */
	  memcpy (bound, v4mapped_prefix, 12);
	  if (inet_pton (AF_INET, opt_bound, bound + 12) != 1)
	    fatal ("--bound: '%s' is not an IP address", opt_bound);
	}
      /* Bound to the wildcard address is not bound.  */
      config.bound = memcmp (bound, zero, opt_family == 4 ? 4 : 16) != 0;
      if (config.bound)
	memcpy (config.addr, bound, 16);
      bound_v4mapped = opt_family == 6
		       && memcmp (bound, v4mapped_prefix, 12) == 0;
    }

  /* Destinations: the bound address, else loopback.  */
  inet_pton (AF_INET, "127.0.0.1", ep4.dst);
  inet_pton (AF_INET6, "::1", ep6.dst);
  if (config.bound && opt_family == 4)
    memcpy (ep4.dst, config.addr, 4);
  else if (config.bound && bound_v4mapped)
    memcpy (ep4.dst, config.addr + 12, 4);
  else if (config.bound)
    memcpy (ep6.dst, config.addr, 16);
  ep4.dport = ep6.dport = config.port;

  if (opt_family == 4)
    {
      v4_for_service = true;
      v6_for_service = false;
    }
  else
    {
      v4_for_service = !config.v6only && (!config.bound || bound_v4mapped);
      v6_for_service = !config.bound || !bound_v4mapped;
    }
}

static void
open_endpoint (struct endpoint *ep)
{
  union
  {
    struct sockaddr sa;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
  } a;
  socklen_t alen;
  char addr[INET6_ADDRSTRLEN];

  memset (&a, 0, sizeof a);
  if (ep->ipver == 4)
    {
      a.in.sin_family = AF_INET;
      a.in.sin_port = ep->dport;
      memcpy (&a.in.sin_addr, ep->dst, 4);
      alen = sizeof a.in;
    }
  else
    {
      a.in6.sin6_family = AF_INET6;
      a.in6.sin6_port = ep->dport;
      memcpy (&a.in6.sin6_addr, ep->dst, 16);
      alen = sizeof a.in6;
    }
  inet_ntop (ep->ipver == 4 ? AF_INET : AF_INET6, ep->dst, addr,
	     sizeof addr);
  snprintf (ep->name, sizeof ep->name, ep->ipver == 4 ? "%s:%u" : "[%s]:%u",
	    addr, ntohs (ep->dport));

  ep->fd = socket (a.sa.sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (ep->fd < 0)
    fatal ("socket for %s: %s", ep->name, strerror (errno));
  if (connect (ep->fd, &a.sa, alen) < 0)
    fatal ("connect to the reference server at %s: %s", ep->name,
	   strerror (errno));
  alen = sizeof a;
  if (getsockname (ep->fd, &a.sa, &alen) < 0)
    fatal ("getsockname: %s", strerror (errno));
  if (ep->ipver == 4)
    {
      memcpy (ep->src, &a.in.sin_addr, 4);
      ep->sport = a.in.sin_port;
    }
  else
    {
      memcpy (ep->src, &a.in6.sin6_addr, 16);
      ep->sport = a.in6.sin6_port;
    }
}

/* Frames of a version with no socket still need a source.  */
static void
dummy_endpoint (struct endpoint *ep)
{
  if (ep->ipver == 4)
    inet_pton (AF_INET, "127.0.0.1", ep->src);
  else
    inet_pton (AF_INET6, "::1", ep->src);
  ep->sport = htons (DUMMY_SOURCE_PORT);
}

static void
select_variants (void)
{
  size_t i;

  for (i = 0; i < N_ALL_VARIANTS; i++)
    {
      const struct variant *v = &all_variants[i];

      if ((v->flags & VF_FAMILY6) && opt_family != 6)
	continue;
      if (v->flags & VF_BOUND)
	{
	  /* "Another address" means something only for a bound socket,
	     and only for the IP version that reaches it.  */
	  if (!config.bound)
	    continue;
	  if (!((v->flags & VF_IPV6) ? v6_for_service : v4_for_service))
	    continue;
	}
      variants[n_variants++] = v;
    }
}

/* Whether frames of variant V are for the service.  */
static bool
variant_for_service (const struct variant *v)
{
  if (!(v->flags & VF_SERVICE))
    return false;
  return (v->flags & VF_IPV6) ? v6_for_service : v4_for_service;
}

/* Spoil the right UDP checksum at UDP for the checksum variants: a wrong
   one, or only the pseudo-header's sum (ADDRS and CLAIMED as for
   udp_sum), as the stack leaves it for a device to finish.  */
static void
udp_sum_variant (const struct variant *v, uint8_t *udp, int ipver,
		 const uint8_t *addrs, size_t claimed)
{
  uint16_t partial = udp_sum (ipver, addrs, udp, 0, claimed);

  if (v->id == V_BAD_UDP_CSUM || v->id == V_IPV6_BAD_UDP_CSUM)
    {
      /* Wrong, and not the partial sum either, which would be right.  */
      udp[7] ^= 0x01;
      if ((udp[6] << 8 | udp[7]) == partial)
	udp[7] ^= 0x03;
    }
  else if (v->id == V_UDP_CSUM_PARTIAL || v->id == V_IPV6_UDP_CSUM_PARTIAL)
    put16 (udp + 6, partial);
}

/* ------------------------------------------------------------------ */
/* Frames.  */

/* Fuzzed payloads (packet-fuzz.h) can be the longest.  */
static uint8_t oversized_buf[FUZZ_MAX_PAYLOAD];

/* Fill in IPv4 options of OPT_LEN bytes (a multiple of 4): a NOP, then a
   record-route option with empty slots, the options real stacks still
   send, so that the program must skip them by the IHL rather than
   interpret them.  */
static void
put_ip_options (uint8_t *p, size_t opt_len)
{
  memset (p, 0, opt_len);
  if (opt_len < 8)
    {
      /* NOP, NOP, NOP, end of list.  */
      memset (p, 1, opt_len - 1);
      return;
    }
  p[0] = 1;			/* NOP */
  p[1] = 7;			/* record route */
  p[2] = (uint8_t) (opt_len - 1);
  p[3] = 4;			/* pointer to the first free slot */
}

/* Build into F packet PKT, variant V of request RQ, in pass PASS over
   the requests (which varies option lengths and tags).  */
static void
build_frame (struct frame *f, const struct variant *v,
	     const struct request *rq, unsigned long pkt, unsigned long pass)
{
  const struct endpoint *ep = (v->flags & VF_IPV6) ? &ep6 : &ep4;
  uint8_t *b = f->bytes;
  size_t off, ip_hlen, udp_len;
  unsigned int ethertype;
  uint8_t *ip, *udp;

  memset (f, 0, sizeof *f);
  f->payload = rq->data;
  f->payload_len = rq->len;
  if (v->flags & VF_OVERSIZED)
    {
      /* The whole padded payload goes to the reference too; its own
	 recvfrom truncates to its buffer, as it would for the real
	 datagram.  */
      memset (oversized_buf, 0, sizeof oversized_buf);
      memcpy (oversized_buf, rq->data, rq->len);
      f->payload = oversized_buf;
      f->payload_len = rq->len > OVERSIZED_PAYLOAD
		       ? rq->len : OVERSIZED_PAYLOAD;
    }

  memcpy (b, server_mac, 6);
  memcpy (b + 6, client_mac, 6);
  off = 12;
  switch (v->id)
    {
    case V_VLAN:
    case V_IPV6_VLAN:
      put16 (b + off, ETHERTYPE_VLAN);
      /* Priority and VLAN id vary, so that a program copying a fixed tag
	 shows.  */
      put16 (b + off + 2,
	     (unsigned int) ((pass % 8) << 13 | (100 + pass % 7)));
      off += 4;
      break;
    case V_VLAN_AD:
      put16 (b + off, ETHERTYPE_QINQ);
      put16 (b + off + 2, (unsigned int) (200 + pass % 5));
      off += 4;
      break;
    case V_VLAN_DOUBLE:
      put16 (b + off, ETHERTYPE_QINQ);
      put16 (b + off + 2, 200);
      put16 (b + off + 4, ETHERTYPE_VLAN);
      put16 (b + off + 6, 100);
      off += 8;
      break;
    default:
      break;
    }

  if (v->id == V_ARP)
    {
      /* An ARP request for the destination address; payload-less.  */
      static const uint8_t arp_head[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };

      put16 (b + off, ETHERTYPE_ARP);
      off += 2;
      f->l3_off = off;
      memcpy (b + off, arp_head, 8);
      memcpy (b + off + 8, client_mac, 6);
      memcpy (b + off + 14, ep4.src, 4);
      memset (b + off + 18, 0, 6);
      memcpy (b + off + 24, ep4.dst, 4);
      f->len = off + 28;
      f->l4_off = f->len;
      f->ipver = 0;
      return;
    }

  ethertype = (v->flags & VF_IPV6) ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
  put16 (b + off, ethertype);
  off += 2;
  f->l3_off = off;
  ip = b + off;
  udp_len = 8 + f->payload_len;

  if (v->flags & VF_IPV6)
    {
      size_t ext = v->id == V_IPV6_EXT ? 8 : 0;

      f->ipver = 6;
      ip_hlen = 40 + ext;
      ip[0] = 0x60;
      ip[1] = ip[2] = ip[3] = 0;
      put16 (ip + 4, (unsigned int) (ext + udp_len));
      ip[6] = v->id == V_IPV6_TCP ? IPPROTO_TCP_NUM
	      : v->id == V_IPV6_EXT ? 0 : IPPROTO_UDP_NUM;
      ip[7] = 64;
      memcpy (ip + 8, ep->src, 16);
      memcpy (ip + 24, ep->dst, 16);
      if (v->id == V_IPV6_WRONG_ADDR)
	ip[39] ^= 0x02;
      if (ext)
	{
	  /* Hop-by-hop options: next header UDP, length 0 (8 bytes), a
	     PadN option filling the rest.  */
	  uint8_t *h = ip + 40;

	  h[0] = IPPROTO_UDP_NUM;
	  h[1] = 0;
	  h[2] = 1;
	  h[3] = 4;
	  memset (h + 4, 0, 4);
	}
    }
  else
    {
      unsigned int ihl = 5;

      f->ipver = 4;
      if (v->id == V_IP_OPTIONS)
	ihl = (unsigned int) (6 + pass % 10);	/* 6 .. 15 */
      else if (v->id == V_IP_OPTIONS_BAD)
	ihl = 6;
      else if (v->id == V_IP_OPTIONS_SRR)
	ihl = 7;
      ip_hlen = ihl * 4;
      ip[0] = (uint8_t) ((v->id == V_BAD_IP_VERSION ? 0x60 : 0x40)
			 | (v->id == V_IHL_SHORT ? 4 : ihl));
      ip[1] = 0;
      put16 (ip + 2, (unsigned int) (ip_hlen + udp_len));
      put16 (ip + 4, (unsigned int) (pkt & 0xffff));
      /* DF, as Linux sets it on UDP; fragments have MF or an offset.  */
      put16 (ip + 6, v->id == V_FRAG_MF ? 0x2000
		     : v->id == V_FRAG_OFFSET ? 185 : 0x4000);
      ip[8] = 64;
      ip[9] = v->id == V_TCP ? IPPROTO_TCP_NUM : IPPROTO_UDP_NUM;
      put16 (ip + 10, 0);
      memcpy (ip + 12, ep->src, 4);
      memcpy (ip + 16, ep->dst, 4);
      if (v->id == V_WRONG_ADDR)
	ip[19] ^= 0x02;
      if (ihl > 5)
	put_ip_options (ip + 20, ip_hlen - 20);
      if (v->id == V_IP_OPTIONS_BAD)
	/* Record route whose length runs past the header.  */
	ip[22] = 9;
      else if (v->id == V_IP_OPTIONS_SRR)
	{
	  /* Loose source route, one hop left: forwarded, or dropped where
	     source routes are not accepted (the default).  */
	  static const uint8_t lsrr[8] = { 131, 7, 4, 10, 0, 0, 1, 0 };

	  memcpy (ip + 20, lsrr, 8);
	}
    }

  f->l4_off = f->l3_off + ip_hlen;
  udp = b + f->l4_off;
  put16 (udp, ntohs (ep->sport));
  put16 (udp + 2, ntohs (ep->dport));
  if (v->id == V_WRONG_PORT || v->id == V_IPV6_WRONG_PORT)
    put16 (udp + 2, ntohs (ep->dport) == 65535 ? 65534
	   : ntohs (ep->dport) + 1);
  put16 (udp + 4, (unsigned int) udp_len);
  if (v->id == V_UDP_LEN_LONG || v->id == V_IPV6_UDP_LEN_LONG)
    put16 (udp + 4, (unsigned int) udp_len + 4);
  else if (v->id == V_UDP_LEN_SHORT || v->id == V_IPV6_UDP_LEN_SHORT)
    /* Shorter than the IP length says; with no payload, below the UDP
       header's own size.  */
    put16 (udp + 4, (unsigned int) udp_len - 1);
  put16 (udp + 6, 0);
  memcpy (udp + 8, f->payload, f->payload_len);
  f->len = f->l4_off + udp_len;

  /* Checksums last, over the fields as they will be (a wrong port or
     address still has a right checksum, so the program must look at the
     port, not stumble on the checksum).  */
  if (f->ipver == 4)
    {
      size_t claimed = get16 (udp + 4);
      uint16_t c;

      if (v->id != V_UDP_CSUM_ZERO)
	{
	  c = ~udp_sum (4, ip + 12, udp, claimed < udp_len ? claimed : udp_len,
			claimed);
	  /* 0 means "no checksum" in IPv4; a computed 0 is sent as
	     all ones (RFC 768).  */
	  put16 (udp + 6, c ? c : 0xffff);
	  udp_sum_variant (v, udp, 4, ip + 12, claimed);
	}
      c = ~fold (sum_bytes (0, ip, v->id == V_IHL_SHORT ? 20 : ip_hlen));
      if (v->id == V_BAD_IP_CSUM)
	/* Any change but 0x0000 <-> 0xffff (equal in one's complement)
	   breaks it.  */
	c ^= 0x0101;
      put16 (ip + 10, c);
    }
  else
    {
      size_t claimed = get16 (udp + 4);
      uint16_t c = ~udp_sum (6, ip + 8, udp,
			     claimed < udp_len ? claimed : udp_len, claimed);

      put16 (udp + 6, c ? c : 0xffff);
      udp_sum_variant (v, udp, 6, ip + 8, claimed);
    }

  switch (v->id)
    {
    case V_TRUNC_IP:
      f->len = f->l3_off + 10;
      break;
    case V_IPV6_TRUNC_IP:
      f->len = f->l3_off + 20;
      break;
    case V_TRUNC_UDP:
    case V_IPV6_TRUNC_UDP:
      f->len = f->l4_off + 4;
      break;
    case V_TRUNC_PAYLOAD:
    case V_IPV6_TRUNC_PAYLOAD:
      /* The headers still claim the whole payload.  An empty request
	 has no payload to cut: the cut then falls in the UDP header.  */
      f->len -= f->payload_len > 1 ? (f->payload_len + 1) / 2 : 1;
      break;
    default:
      break;
    }
}

/* ------------------------------------------------------------------ */
/* Differences.  */

static unsigned long n_differences;

/* A short hex dump of up to 8 bytes of P (LEN bytes) from OFF.  */
static void
hex_excerpt (char *buf, size_t size, const uint8_t *p, size_t len,
	     size_t off)
{
  size_t i, n = 0;

  buf[0] = '\0';
  if (off >= len)
    {
      snprintf (buf, size, "(end)");
      return;
    }
  for (i = off; i < len && i < off + 8 && n + 4 < size; i++)
    n += snprintf (buf + n, size - n, "%s%02x", i > off ? " " : "", p[i]);
  if (i < len && n + 4 < size)
    snprintf (buf + n, size - n, " ...");
}

/* Report one difference: packet PKT of variant V for the request on
   LINE; EXPECTED is what the reference (or the rules) says, GOT what
   the program did.  If EXP and GOTB are given, also print where they
   first differ, counting from BASE in WHERE ("frame" or "payload").  */
static void
difference (unsigned long pkt, const struct variant *v, unsigned int line,
	    const char *expected, const char *got, const char *where,
	    size_t base, const uint8_t *exp, size_t exp_len,
	    const uint8_t *gotb, size_t got_len)
{
  n_differences++;
  printf (PROGRAM_NAME ": difference: packet %lu, variant %s, request line "
	  "%u: expected %s, got %s", pkt, v->name, line, expected, got);
  if (exp && gotb)
    {
      size_t i = 0;
      char he[64], hg[64];

      while (i < exp_len && i < got_len && exp[i] == gotb[i])
	i++;
      hex_excerpt (he, sizeof he, exp, exp_len, i);
      hex_excerpt (hg, sizeof hg, gotb, got_len, i);
      printf ("; %s byte %zu: expected %s, got %s", where, base + i, he, hg);
    }
  putchar ('\n');
  fflush (stdout);
}

/* A difference with nothing to show byte by byte.  */
static void
difference_verdict (unsigned long pkt, const struct variant *v,
		    unsigned int line, const char *expected, const char *got)
{
  difference (pkt, v, line, expected, got, NULL, 0, NULL, 0, NULL, 0);
}

static const char *
verdict_name (int verdict)
{
  static char buf[32];

  switch (verdict)
    {
    case VERDICT_ABORTED: return "XDP_ABORTED";
    case VERDICT_DROP: return "XDP_DROP";
    case VERDICT_PASS: return "XDP_PASS";
    case VERDICT_TX: return "XDP_TX";
    case VERDICT_REDIRECT: return "XDP_REDIRECT";
    default:
      snprintf (buf, sizeof buf, "verdict %d", verdict);
      return buf;
    }
}

/* Check that OUT (OUT_LEN bytes), the program's XDP_TX output for input
   frame IN, is a well-formed reply to it: Ethernet addresses swapped,
   tags and ethertype kept, IP header consistent, addresses and ports
   swapped, lengths right, checksums valid.  Return NULL if so, else a
   description, with the offending byte range in *OFF / *LEN and the
   bytes that should be there in EXP.  On success set *PAYLOAD and
   *PAYLOAD_LEN to the reply's UDP payload.  */
static const char *
check_reply (const struct frame *in, const uint8_t *out, size_t out_len,
	     size_t *off, uint8_t *exp, size_t *len,
	     const uint8_t **payload, size_t *payload_len)
{
  static char msg[160];
  const uint8_t *iip = in->bytes + in->l3_off;
  const uint8_t *iudp = in->bytes + in->l4_off;
  const uint8_t *ip = out + in->l3_off;
  size_t l4, ip_len, udp_len;
  const uint8_t *udp;
  uint16_t sum;

#define BAD(OFF, EXP, LEN, ...)						\
  do									\
    {									\
      *off = (OFF);							\
      *len = (LEN);							\
      memcpy (exp, (EXP), (LEN));					\
      snprintf (msg, sizeof msg, __VA_ARGS__);				\
      return msg;							\
    }									\
  while (0)

  if (out_len < in->l3_off + (in->ipver == 4 ? 20 : 40) + 8)
    {
      snprintf (msg, sizeof msg, "XDP_TX frame of %zu bytes, too short for "
		"the headers", out_len);
      *off = 0;
      *len = 0;
      return msg;
    }
  if (memcmp (out, in->bytes + 6, 6))
    BAD (0, in->bytes + 6, 6, "XDP_TX, destination MAC not the request's "
	 "source");
  if (memcmp (out + 6, in->bytes, 6))
    BAD (6, in->bytes, 6, "XDP_TX, source MAC not the request's "
	 "destination");
  if (memcmp (out + 12, in->bytes + 12, in->l3_off - 12))
    BAD (12, in->bytes + 12, in->l3_off - 12, "XDP_TX, VLAN tag or "
	 "ethertype changed");

  if (in->ipver == 4)
    {
      size_t hl = (size_t) (ip[0] & 0xf) * 4;
      uint8_t want[4];

      if ((ip[0] >> 4) != 4 || hl < 20)
	BAD (in->l3_off, iip, 1, "XDP_TX, bad IPv4 version/IHL 0x%02x",
	     ip[0]);
      ip_len = get16 (ip + 2);
      if (in->l3_off + ip_len != out_len)
	{
	  put16 (want, (unsigned int) (out_len - in->l3_off));
	  BAD (in->l3_off + 2, want, 2, "XDP_TX, IPv4 total length %zu in "
	       "a frame with %zu bytes after the Ethernet header", ip_len,
	       out_len - in->l3_off);
	}
      if (hl + 8 > ip_len)
	BAD (in->l3_off, iip, 1, "XDP_TX, IHL %zu leaves no room for UDP in "
	     "total length %zu", hl / 4, ip_len);
      if (get16 (ip + 6) & 0x3fff)
	{
	  put16 (want, get16 (ip + 6) & 0x4000);
	  BAD (in->l3_off + 6, want, 2, "XDP_TX, reply is an IPv4 fragment");
	}
      if (ip[9] != IPPROTO_UDP_NUM)
	BAD (in->l3_off + 9, iip + 9, 1, "XDP_TX, IPv4 protocol %u", ip[9]);
      if (ip[8] == 0)
	BAD (in->l3_off + 8, iip + 8, 1, "XDP_TX, IPv4 TTL 0");
      if (memcmp (ip + 12, iip + 16, 4))
	BAD (in->l3_off + 12, iip + 16, 4, "XDP_TX, IPv4 source not the "
	     "request's destination");
      if (memcmp (ip + 16, iip + 12, 4))
	BAD (in->l3_off + 16, iip + 12, 4, "XDP_TX, IPv4 destination not the "
	     "request's source");
      sum = fold (sum_bytes (0, ip, hl));
      if (sum != 0xffff)
	{
	  put16 (want, (uint16_t) ~fold (sum + (uint32_t) (uint16_t)
					 ~get16 (ip + 10)));
	  BAD (in->l3_off + 10, want, 2, "XDP_TX, bad IPv4 header checksum");
	}
      l4 = in->l3_off + hl;
      udp_len = ip_len - hl;
    }
  else
    {
      uint8_t want[2];

      if ((ip[0] >> 4) != 6)
	BAD (in->l3_off, iip, 1, "XDP_TX, bad IPv6 version 0x%02x", ip[0]);
      ip_len = get16 (ip + 4);
      if (in->l3_off + 40 + ip_len != out_len)
	{
	  put16 (want, (unsigned int) (out_len - in->l3_off - 40));
	  BAD (in->l3_off + 4, want, 2, "XDP_TX, IPv6 payload length %zu in "
	       "a frame with %zu bytes after the IPv6 header", ip_len,
	       out_len - in->l3_off - 40);
	}
      if (ip[6] != IPPROTO_UDP_NUM)
	BAD (in->l3_off + 6, iip + 6, 1, "XDP_TX, IPv6 next header %u",
	     ip[6]);
      if (ip[7] == 0)
	BAD (in->l3_off + 7, iip + 7, 1, "XDP_TX, IPv6 hop limit 0");
      if (memcmp (ip + 8, iip + 24, 16))
	BAD (in->l3_off + 8, iip + 24, 16, "XDP_TX, IPv6 source not the "
	     "request's destination");
      if (memcmp (ip + 24, iip + 8, 16))
	BAD (in->l3_off + 24, iip + 8, 16, "XDP_TX, IPv6 destination not the "
	     "request's source");
      l4 = in->l3_off + 40;
      udp_len = ip_len;
      if (udp_len < 8)
	BAD (in->l3_off + 4, iip + 4, 2, "XDP_TX, IPv6 payload length %zu",
	     ip_len);
    }

  udp = out + l4;
  if (memcmp (udp, iudp + 2, 2))
    BAD (l4, iudp + 2, 2, "XDP_TX, UDP source port not the request's "
	 "destination port");
  if (memcmp (udp + 2, iudp, 2))
    BAD (l4 + 2, iudp, 2, "XDP_TX, UDP destination port not the request's "
	 "source port");
  if (get16 (udp + 4) != udp_len)
    {
      uint8_t want[2];

      put16 (want, (unsigned int) udp_len);
      BAD (l4 + 4, want, 2, "XDP_TX, UDP length %u, the IP header says %zu",
	   get16 (udp + 4), udp_len);
    }
  /* IPv4 may leave the UDP checksum out (0); IPv6 may not, and since 0
     sums like 0xffff the sum below would not notice.  */
  if (in->ipver == 6 && get16 (udp + 6) == 0)
    {
      static const uint8_t ones[2] = { 0xff, 0xff };

      BAD (l4 + 6, ones, 2, "XDP_TX, UDP checksum 0 in IPv6");
    }
  if (in->ipver == 6 || get16 (udp + 6) != 0)
    {
      sum = udp_sum (in->ipver, ip + (in->ipver == 4 ? 12 : 8), udp,
		     udp_len, udp_len);
      if (sum != 0xffff)
	{
	  uint8_t want[2];
	  uint16_t c = ~fold (sum + (uint32_t) (uint16_t) ~get16 (udp + 6));

	  put16 (want, c ? c : 0xffff);
	  BAD (l4 + 6, want, 2, "XDP_TX, bad UDP checksum 0x%04x",
	       get16 (udp + 6));
	}
    }
#undef BAD

  *payload = udp + 8;
  *payload_len = udp_len - 8;
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The reference server.  */

static uint8_t reply_buf[REPLY_ROOM];

static long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void __attribute__ ((noreturn))
reference_gone (const struct endpoint *ep, int err)
{
  fflush (stdout);
  fatal ("reference server at %s: %s (is it running?)", ep->name,
	 strerror (err));
}

/* Take whatever the reference sent after its reply to the last packet on
   EP was judged: a late reply (after the timeout) or a second datagram.
   Where the program answered or dropped that packet itself, the split
   program would never send it: a difference.  Where it passed the packet
   up, userspace would have handled it just like the reference.  */
static void
drain_endpoint (struct endpoint *ep, int wait_ms)
{
  for (;;)
    {
      struct pollfd pfd = { .fd = ep->fd, .events = POLLIN };
      ssize_t n;
      int r = poll (&pfd, 1, wait_ms);

      if (r < 0 && errno == EINTR)
	continue;
      if (r <= 0)
	return;
      wait_ms = 0;
      n = recv (ep->fd, reply_buf, sizeof reply_buf, MSG_DONTWAIT);
      if (n < 0)
	{
	  if (errno == EAGAIN || errno == EINTR)
	    continue;
	  reference_gone (ep, errno);
	}
      if (!ep->have_last)
	continue;
      /* A run error is a difference already.  */
      if (ep->last_verdict != VERDICT_TX && ep->last_verdict != VERDICT_DROP)
	{
	  if (opt_verbose)
	    printf (PROGRAM_NAME ": packet %lu: the reference sent another "
		    "%zd-byte datagram (late or second reply; XDP_PASS, so "
		    "userspace would too)\n", ep->last_packet, n);
	  continue;
	}
      {
	char got[128];

	snprintf (got, sizeof got, "another %zd-byte datagram from the "
		  "reference after the timeout or after its reply", n);
	difference_verdict (ep->last_packet, ep->last_variant,
			    ep->last_line,
			    ep->last_verdict == VERDICT_DROP
			    ? "no reply, as the program dropped it"
			    : "exactly one reply, as the program sent",
			    got);
      }
    }
}

/* How long a reply may still take once the reference is idle
   (reference-idle.h).  */
#define IDLE_GRACE_MS 3

/* Send the payload of F to the reference over EP and wait up to
   --timeout-ms for its reply.  Return the reply's length, or -1 if none
   came.  */
static ssize_t
reference_exchange (struct endpoint *ep, const struct frame *f)
{
  long deadline;

  drain_endpoint (ep, 0);
  reference_idle_mark ();
  if (send (ep->fd, f->payload, f->payload_len, 0) < 0)
    {
      if (errno == ECONNREFUSED)
	/* The ICMP error of an earlier datagram; this one was not
	   sent.  */
	reference_gone (ep, errno);
      fatal ("send to %s: %s", ep->name, strerror (errno));
    }
  deadline = now_ms () + opt_timeout_ms;
  for (;;)
    {
      struct pollfd pfd = { .fd = ep->fd, .events = POLLIN };
      long left = deadline - now_ms ();
      ssize_t n;
      int r;

      if (left < 0)
	left = 0;
      /* Knowing when the server is done (--reference-pid), look every
	 millisecond; once it is, a reply would be here: one last short
	 look for a slow loopback, then none.  */
      if (reference_idle_enabled () && left > 1)
	left = 1;
      r = poll (&pfd, 1, (int) left);
      if (r < 0 && errno == EINTR)
	continue;
      if (r < 0)
	fatal ("poll: %s", strerror (errno));
      if (r == 0 && reference_idle_enabled () && now_ms () < deadline)
	{
	  if (!reference_idle ())
	    continue;
	  r = poll (&pfd, 1, IDLE_GRACE_MS);
	  if (r < 0 && errno != EINTR)
	    fatal ("poll: %s", strerror (errno));
	  if (r <= 0)
	    return -1;
	}
      if (r == 0)
	return -1;
      n = recv (ep->fd, reply_buf, sizeof reply_buf, MSG_DONTWAIT);
      if (n >= 0)
	return n;
      if (errno == EAGAIN || errno == EINTR)
	continue;
      reference_gone (ep, errno);
    }
}

/* ------------------------------------------------------------------ */
/* The run.  */

static unsigned long n_packets, n_tx, n_drop, n_pass;
/* Fuzzed frames that were for the service (the rest must pass).  */
static unsigned long n_fuzz_service;

static void
summary (void)
{
  printf (PROGRAM_NAME ": packets %lu, tx %lu, drop %lu, pass %lu, "
	  "differences %lu\n", n_packets, n_tx, n_drop, n_pass,
	  n_differences);
  fflush (stdout);
}

static void judge_frame (int prog_fd, unsigned long pkt,
			 const struct variant *v, const struct request *rq,
			 const struct frame *f, bool service);

/* Run packet PKT (variant V of request RQ) and judge it.  */
static void
run_packet (int prog_fd, unsigned long pkt, const struct variant *v,
	    const struct request *rq, unsigned long pass)
{
  static struct frame f;

  build_frame (&f, v, rq, pkt, pass);
  judge_frame (prog_fd, pkt, v, rq, &f, variant_for_service (v));
}

/* Print frame F in hex, so that a fuzzed packet that showed a
   difference can become a regression test.  */
static void
print_frame (unsigned long pkt, const struct frame *f)
{
  size_t i;

  printf (PROGRAM_NAME ": fuzz seed %lu packet %lu frame (%zu bytes): ",
	  opt_fuzz_seed, pkt, f->len);
  for (i = 0; i < f->len; i++)
    printf ("%02x", f->bytes[i]);
  putchar ('\n');
}

/* Run frame FP, packet PKT (variant V of request RQ, for the service if
   SERVICE), through the program and the reference, and judge it.  */
static void
judge_one_frame (int prog_fd, unsigned long pkt, const struct variant *v,
		 const struct request *rq, const struct frame *fp,
		 bool service)
{
  const struct frame f = *fp;
  static uint8_t out[OUT_ROOM];
  struct endpoint *ep = (v->flags & VF_IPV6) ? &ep6 : &ep4;
  size_t out_len;
  int verdict, err;
  ssize_t ref_len;
  char got[160], expected[160];

  {
    LIBBPF_OPTS (bpf_test_run_opts, opts,
		 .data_in = (void *) f.bytes,
		 .data_size_in = (uint32_t) f.len,
		 .data_out = out,
		 .data_size_out = sizeof out,
		 .repeat = 1);

    /* One run per packet: with repeat > 1 the kernel reuses one buffer,
       and the program's maps would see the request several times.  */
    err = bpf_prog_test_run_opts (prog_fd, &opts);
    verdict = (int) opts.retval;
    out_len = opts.data_size_out;
  }
  n_packets++;
  if (err == -EPERM)
    unsupported ("BPF_PROG_TEST_RUN");
  if (!err)
    switch (verdict)
      {
      case VERDICT_TX: n_tx++; break;
      case VERDICT_DROP: n_drop++; break;
      case VERDICT_PASS: n_pass++; break;
      default: break;
      }
  if (err)
    snprintf (got, sizeof got, "BPF_PROG_TEST_RUN error: %s",
	      strerror (-err));
  else
    snprintf (got, sizeof got, "%s", verdict_name (verdict));

  if (!service)
    {
      /* Not for us: the stack must get the frame as it came.  */
      if (opt_verbose)
	printf (PROGRAM_NAME ": packet %lu, variant %s, request line %u: "
		"%s (not for the service)\n", pkt, v->name, rq->line, got);
      if (err || verdict != VERDICT_PASS)
	difference_verdict (pkt, v, rq->line, "XDP_PASS, frame unchanged",
			    got);
      else if (out_len != f.len || memcmp (out, f.bytes, f.len))
	{
	  snprintf (got, sizeof got, "XDP_PASS, frame changed (%zu bytes "
		    "in, %zu out)", f.len, out_len);
	  difference (pkt, v, rq->line, "XDP_PASS, frame unchanged", got,
		      "frame", 0, f.bytes, f.len, out, out_len);
	}
      return;
    }

  if (!err && verdict == VERDICT_PASS)
    {
      /* Fallback: the frame must go up as it came ("complete or leave
	 no trace"), and that is all, unless the request must be
	 answered in the kernel.  The split program's userspace would
	 handle it just as the reference does, and its writes would land
	 in the state it shares with the kernel; nothing plays that half
	 here, so the reference does not get it either, and both sides
	 keep the same state.  (Order, the contract's rule 2, is checked
	 by the run tests, which have both halves.)  */
      if (opt_verbose)
	printf (PROGRAM_NAME ": packet %lu, variant %s, request line %u: "
		"%s (up to userspace)\n", pkt, v->name, rq->line, got);
      if (out_len != f.len || memcmp (out, f.bytes, f.len))
	{
	  snprintf (got, sizeof got, "XDP_PASS, frame changed (%zu bytes "
		    "in, %zu out)", f.len, out_len);
	  difference (pkt, v, rq->line, "XDP_PASS with the frame unchanged",
		      got, "frame", 0, f.bytes, f.len, out, out_len);
	}
      else if (rq->expect == 'k' && !(v->flags & VF_OVERSIZED))
	difference_verdict (pkt, v, rq->line,
			    "XDP_TX or XDP_DROP ('k' request)", got);
      return;
    }

  /* Answered or dropped in the kernel: the reference gets the request,
     in the same order, and must have answered alike.  */
  ref_len = reference_exchange (ep, &f);
  ep->have_last = true;
  ep->last_packet = pkt;
  ep->last_variant = v;
  ep->last_line = rq->line;
  ep->last_verdict = err ? -1 : verdict;
  if (ref_len >= 0)
    snprintf (expected, sizeof expected, "the reference's %zd-byte reply",
	      ref_len);
  else
    snprintf (expected, sizeof expected, "no reply (the reference sent "
	      "none within %ld ms)", opt_timeout_ms);

  if (opt_verbose)
    printf (PROGRAM_NAME ": packet %lu, variant %s, request line %u: %s; "
	    "reference: %s\n", pkt, v->name, rq->line, got,
	    ref_len >= 0 ? "reply" : "no reply");

  if (err)
    {
      difference_verdict (pkt, v, rq->line, expected, got);
      return;
    }
  switch (verdict)
    {
    case VERDICT_TX:
      {
	const uint8_t *payload;
	size_t payload_len, bad_off, bad_len;
	uint8_t want[16];
	const char *problem;

	if (rq->expect == 'u' && !(v->flags & VF_OVERSIZED))
	  {
	    difference_verdict (pkt, v, rq->line, "XDP_PASS ('u' request)",
				got);
	    return;
	  }
	if (ref_len < 0)
	  {
	    difference_verdict (pkt, v, rq->line, expected, got);
	    return;
	  }
	problem = check_reply (&f, out, out_len, &bad_off, want, &bad_len,
			       &payload, &payload_len);
	if (problem)
	  {
	    difference (pkt, v, rq->line, expected, problem, "frame",
			bad_off, bad_len ? want : NULL, bad_len,
			bad_len ? out + bad_off : NULL, bad_len);
	    return;
	  }
	if (payload_len != (size_t) ref_len
	    || memcmp (payload, reply_buf, payload_len))
	  {
	    snprintf (got, sizeof got, "XDP_TX with a %zu-byte reply that "
		      "differs", payload_len);
	    difference (pkt, v, rq->line, expected, got, "payload", 0,
			reply_buf, ref_len, payload, payload_len);
	  }
	return;
      }

    case VERDICT_DROP:
      if (rq->expect == 'u' && !(v->flags & VF_OVERSIZED))
	difference_verdict (pkt, v, rq->line, "XDP_PASS ('u' request)", got);
      else if (ref_len >= 0)
	difference_verdict (pkt, v, rq->line, expected, got);
      return;

    default:
      difference_verdict (pkt, v, rq->line, expected, got);
      return;
    }
}

static void
judge_frame (int prog_fd, unsigned long pkt, const struct variant *v,
	     const struct request *rq, const struct frame *f, bool service)
{
  unsigned long differences_before = n_differences;

  judge_one_frame (prog_fd, pkt, v, rq, f, service);
  if (opt_fuzz && n_differences != differences_before)
    print_frame (pkt, f);
}

/* The fuzzed run (packet-fuzz.h): --count packets, each a request and a
   service variant, mutated in payload, headers or both.  */
static void
run_fuzz (int prog_fd)
{
  static struct frame f;
  static uint8_t payload[FUZZ_MAX_PAYLOAD];
  static char name[320];
  const struct variant *bases[N_ALL_VARIANTS];
  struct fuzz_service svc = { .bound = config.bound };
  struct fuzz_rng rng;
  size_t n_bases = 0, i;
  unsigned long pkt;

  /* Start from frames built for the service: the malformed variants
     are what the mutations make, and more.  */
  for (i = 0; i < n_variants; i++)
    if (variants[i]->flags & VF_SERVICE)
      bases[n_bases++] = variants[i];
  fuzz_seed (&rng, opt_fuzz_seed);
  for (pkt = 1; pkt <= (unsigned long) opt_count; pkt++)
    {
      const struct request *orig = &requests[fuzz_below (&rng, n_requests)];
      const struct request *other = &requests[fuzz_below (&rng, n_requests)];
      const struct variant *base = bases[fuzz_below (&rng, n_bases)];
      struct request rq = *orig;
      struct variant v = *base;
      struct fuzz_log log = { "" };
      bool service;

      /* A mutated payload is another request: the reference decides
	 what it means.  An unchanged one keeps its 'u' (whatever the
	 headers, it must not be answered in the kernel), but not its
	 'k' (mutated headers may make any request fall back).  */
      if (fuzz_below (&rng, 2))
	{
	  rq.len = fuzz_mutate_payload (&rng, orig->data, orig->len,
					other->data, other->len, payload,
					&log);
	  rq.data = payload;
	  rq.expect = '*';
	}
      else if (rq.expect == 'k')
	rq.expect = '*';
      build_frame (&f, &v, &rq, pkt, fuzz_below (&rng, 64));
      service = fuzz_mutate_frame (&rng, &f, variant_for_service (base),
				   &svc, &log);
      n_fuzz_service += service;
      snprintf (name, sizeof name, "fuzz:%s%s", base->name, log.text);
      v.name = name;
      judge_frame (prog_fd, pkt, &v, &rq, &f, service);
    }
}

static void
write_config (struct bpf_object *obj)
{
  struct bpf_map *map = bpf_object__find_map_by_name (obj,
						      OFFLOAD_CONFIG_MAP);
  uint32_t key = 0;
  size_t value_size;
  uint8_t *value;
  int err;

  if (!map)
    fatal ("%s: no map %s", opt_object, OFFLOAD_CONFIG_MAP);
  value_size = bpf_map__value_size (map);
  if (bpf_map__type (map) != BPF_MAP_TYPE_ARRAY
      || bpf_map__key_size (map) != sizeof key
      || value_size < sizeof config)
    fatal ("%s: map %s is not an array of struct offload_config",
	   opt_object, OFFLOAD_CONFIG_MAP);
  /* The generator may pad the value; the rest stays zero.  */
  value = xmalloc (value_size);
  memset (value, 0, value_size);
  memcpy (value, &config, sizeof config);
  err = bpf_map__update_elem (map, &key, sizeof key, value, value_size, 0);
  if (err == -EPERM)
    unsupported ("writing " OFFLOAD_CONFIG_MAP);
  if (err)
    fatal ("writing %s: %s", OFFLOAD_CONFIG_MAP, strerror (-err));
  free (value);
}

int
main (int argc, char **argv)
{
  enum
  {
    OPT_OBJECT = 256, OPT_LOAD_ONLY, OPT_PORT, OPT_REQUESTS, OPT_COUNT,
    OPT_FAMILY, OPT_BOUND, OPT_V6ONLY, OPT_TIMEOUT, OPT_VERBOSE, OPT_HELP,
    OPT_FUZZ, OPT_REFERENCE_PID
  };
  static const struct option long_options[] = {
    { "object", required_argument, NULL, OPT_OBJECT },
    { "load-only", no_argument, NULL, OPT_LOAD_ONLY },
    { "port", required_argument, NULL, OPT_PORT },
    { "requests", required_argument, NULL, OPT_REQUESTS },
    { "count", required_argument, NULL, OPT_COUNT },
    { "family", required_argument, NULL, OPT_FAMILY },
    { "bound", required_argument, NULL, OPT_BOUND },
    { "v6only", no_argument, NULL, OPT_V6ONLY },
    { "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
    { "verbose", no_argument, NULL, OPT_VERBOSE },
    { "fuzz", required_argument, NULL, OPT_FUZZ },
    { "reference-pid", required_argument, NULL, OPT_REFERENCE_PID },
    { "help", no_argument, NULL, OPT_HELP },
    { NULL, 0, NULL, 0 }
  };
  struct bpf_object *obj;
  struct bpf_program *prog, *p;
  unsigned long total, i;
  int c, err, prog_fd;

  while ((c = getopt_long (argc, argv, "v", long_options, NULL)) != -1)
    switch (c)
      {
      case OPT_OBJECT: opt_object = optarg; break;
      case OPT_LOAD_ONLY: opt_load_only = true; break;
      case OPT_PORT:
	opt_port = parse_number ("--port", optarg, 1, 65535);
	break;
      case OPT_REQUESTS: opt_requests = optarg; break;
      case OPT_COUNT:
	opt_count = parse_number ("--count", optarg, 1, 10000000);
	break;
      case OPT_FAMILY:
	opt_family = (int) parse_number ("--family", optarg, 4, 6);
	if (opt_family == 5)
	  fatal ("--family: 4 or 6");
	break;
      case OPT_BOUND: opt_bound = optarg; break;
      case OPT_V6ONLY: opt_v6only = true; break;
      case OPT_FUZZ:
	opt_fuzz = true;
	opt_fuzz_seed = (unsigned long) parse_number ("--fuzz", optarg, 0,
						      LONG_MAX);
	break;
      case OPT_REFERENCE_PID:
	opt_reference_pid = parse_number ("--reference-pid", optarg, 1,
					  INT_MAX);
	break;
      case OPT_TIMEOUT:
	opt_timeout_ms = parse_number ("--timeout-ms", optarg, 1, 60000);
	break;
      case 'v':
      case OPT_VERBOSE: opt_verbose++; break;
      case OPT_HELP:
	usage (stdout);
	return 0;
      default:
	fprintf (stderr, "Try '" PROGRAM_NAME " --help'.\n");
	return EXIT_DIFFERENCES;
      }
  if (optind < argc)
    fatal ("unexpected argument '%s'; try --help", argv[optind]);
  if (!opt_object)
    fatal ("--object is required; try --help");
  if (!opt_load_only && (opt_port < 0 || !opt_requests))
    fatal ("--port and --requests are required without --load-only; "
	   "try --help");
  if (opt_v6only && opt_family != 6)
    fatal ("--v6only needs --family 6");

  /* Read everything that can be wrong with the arguments before the
     slow part.  */
  if (!opt_load_only)
    {
      read_requests (opt_requests);
      setup_service ();
    }

  libbpf_set_print (collect_libbpf_output);
  obj = bpf_object__open_file (opt_object, NULL);
  if (!obj)
    {
      err = errno;
      dump_libbpf_log ();
      fatal ("cannot open %s: %s", opt_object, strerror (err));
    }
  prog = bpf_object__find_program_by_name (obj, OFFLOAD_PROG_NAME);
  if (!prog)
    {
      dump_libbpf_log ();
      fatal ("%s: no program %s", opt_object, OFFLOAD_PROG_NAME);
    }
  if (bpf_program__type (prog) != BPF_PROG_TYPE_XDP)
    fatal ("%s: %s is not an XDP program (SEC(\"xdp\"))", opt_object,
	   OFFLOAD_PROG_NAME);
  /* Only the fast path matters here; another program in the object must
     not make the load fail.  */
  bpf_object__for_each_program (p, obj)
    if (p != prog)
      bpf_program__set_autoload (p, false);

  err = bpf_object__load (obj);
  if (err == -EPERM)
    unsupported ("loading the BPF object");
  if (err)
    {
      /* The verifier's log is in what libbpf printed.  */
      dump_libbpf_log ();
      if (err == -EACCES)
	/* Not a privilege problem (that is EPERM): the verifier's
	   "Permission denied" would mislead.  */
	fprintf (stderr, PROGRAM_NAME ": %s: the verifier rejected %s "
		 "(log above)\n", opt_object, OFFLOAD_PROG_NAME);
      else
	fprintf (stderr, PROGRAM_NAME ": %s: load failed: %s\n", opt_object,
		 strerror (-err));
      return EXIT_DIFFERENCES;
    }
  if (opt_verbose)
    dump_libbpf_log ();
  libbpf_log_len = 0;
  if (opt_load_only)
    {
      if (opt_verbose)
	printf (PROGRAM_NAME ": %s: loaded\n", opt_object);
      bpf_object__close (obj);
      return 0;
    }

  prog_fd = bpf_program__fd (prog);
  write_config (obj);
  select_variants ();
  if (v4_for_service)
    open_endpoint (&ep4);
  else
    dummy_endpoint (&ep4);
  if (v6_for_service)
    open_endpoint (&ep6);
  else
    dummy_endpoint (&ep6);
  if (opt_reference_pid)
    reference_idle_watch ((pid_t) opt_reference_pid,
			  (unsigned int) opt_port);

  /* Packet I is request I mod R in pass I / R, with variant
     (pass + I mod R) mod V: each pass plays the request file in order,
     as its author wrote it, with a mix of variants, and V passes give
     every request every variant.  */
  total = (unsigned long) opt_count;
  if (total < n_requests * n_variants)
    total = n_requests * n_variants;
  if (opt_fuzz)
    run_fuzz (prog_fd);
  else
    for (i = 0; i < total; i++)
      {
	unsigned long r = i % n_requests, pass = i / n_requests;

	run_packet (prog_fd, i + 1, variants[(pass + r) % n_variants],
		    &requests[r], pass);
      }

  /* A last look for late or second replies to the last packets.  */
  if (ep4.fd >= 0)
    drain_endpoint (&ep4, opt_timeout_ms < 100 ? (int) opt_timeout_ms : 100);
  if (ep6.fd >= 0)
    drain_endpoint (&ep6, opt_timeout_ms < 100 ? (int) opt_timeout_ms : 100);

  if (opt_fuzz)
    printf (PROGRAM_NAME ": fuzz seed %lu, for the service %lu\n",
	    opt_fuzz_seed, n_fuzz_service);
  summary ();
  bpf_object__close (obj);
  return n_differences ? EXIT_DIFFERENCES : 0;
}
