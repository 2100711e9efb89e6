/* xdp-packet.h -- the packet side of a generated XDP program.

   Part of the text the offload plugin puts in front of every generated
   program (bpfgen/xdp.cc); not a public header.  It parses a request
   (Ethernet, one optional 802.1Q/802.1ad tag, IPv4 without options or
   IPv6, UDP), copies its payload out, and turns the packet into the reply in
   place.  It defines no maps: the program defines offload_config and
   offload_stats itself.

   bpf-gcc 12 searches only its own include directory, so <linux/bpf.h>
   cannot be reached; the few UAPI definitions needed come first, and
   are skipped when <linux/bpf.h> was included before this text.

   All packet bytes go through bpf_xdp_load_bytes/bpf_xdp_store_bytes
   into fixed stack buffers: the kernel checks every offset and length
   at run time, so the verifier only has to see that lengths fit the
   buffers, whatever bpf-gcc does with the pointer arithmetic.  */

#ifndef OFFLOAD_XDP_PACKET_H
#define OFFLOAD_XDP_PACKET_H

#ifndef _UAPI__LINUX_BPF_H__
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef int __s32;
typedef long long __s64;

struct xdp_md
{
  __u32 data;
  __u32 data_end;
  __u32 data_meta;
  __u32 ingress_ifindex;
  __u32 rx_queue_index;
  __u32 egress_ifindex;
};

enum xdp_action
{
  XDP_ABORTED = 0,
  XDP_DROP,
  XDP_PASS,
  XDP_TX,
  XDP_REDIRECT
};

/* The map types of offload_config and offload_stats.  */
enum
{
  BPF_MAP_TYPE_ARRAY = 2,
  BPF_MAP_TYPE_PERCPU_ARRAY = 6
};
#endif

/* BTF-defined maps, as libbpf reads them.  */
#ifndef __uint
#define __uint(name, val) int (*name)[val]
#endif
#ifndef __type
#define __type(name, val) __typeof__ (val) *name
#endif

#ifndef __always_inline
#define __always_inline inline __attribute__ ((always_inline))
#endif

/* SEC, bpf_csum_diff (28), bpf_xdp_adjust_head (44) and
   bpf_xdp_adjust_tail (65); it needs struct
   xdp_md declared first.  Its list stops at helper 108.  */
#include <bpf-helpers.h>

__u64 bpf_xdp_get_buff_len (struct xdp_md *ctx) KERNEL_HELPER (188);
long bpf_xdp_load_bytes (struct xdp_md *ctx, __u32 offset, void *buf,
			 __u32 len) KERNEL_HELPER (189);
long bpf_xdp_store_bytes (struct xdp_md *ctx, __u32 offset, void *buf,
			  __u32 len) KERNEL_HELPER (190);

#ifndef OFFLOAD_MAX_COPY
#define OFFLOAD_MAX_COPY 2048
#endif

struct offload_config
{
  __u16 port;		/* Service port, network byte order; 0 = inactive.  */
  __u8 family;		/* Socket family: 2 = AF_INET, 10 = AF_INET6.  */
  __u8 v6only;		/* AF_INET6: 1 = IPv6 only; 0 = IPv4 too, seen
			   as v4-mapped ::ffff:a.b.c.d.  */
  __u8 bound;		/* 1 = only datagrams to addr; 0 = any address.  */
  __u8 pad[3];
  __u8 addr[16];	/* AF_INET: addr[0..3]; AF_INET6: all 16 bytes.  */
};

enum
{
  OFFLOAD_STAT_TX,
  OFFLOAD_STAT_DROP,
  OFFLOAD_STAT_PASS_FALLBACK,
  OFFLOAD_STAT_PASS_OTHER,
  /* From 4: fallback reasons (xdp-memory.h).  From OFFLOAD_STAT_ENDS:
     requests answered at each end of the request paths, 0 for a drop
     and then each reply the program sends (plugin/generate.cc).  */
  OFFLOAD_STAT_ENDS = 16,
  OFFLOAD_STAT_MAX_ENDS = 16,
  OFFLOAD_STAT_MAX = 32
};

struct offload_request
{
  __u32 payload_off;	/* Offset of the UDP payload from ctx->data.  */
  __u32 payload_len;	/* UDP payload length.  */
  __u16 l3_off;		/* Offset of the IP header.  */
  __u16 l4_off;		/* Offset of the UDP header.  */
  __u8 ipv6;		/* 1 if the datagram is IPv6.  */
  __u8 pad[3];
  __u16 peer_port;	/* Source port, network byte order.  */
  __u16 local_port;	/* Destination port, network byte order.  */
  __u8 peer_addr[16];	/* Source address; IPv4 in peer_addr[0..3].  */
  __u8 local_addr[16];	/* Destination address; IPv4 in [0..3].  */
};

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define offload_htons(x) \
  ((__u16) ((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#else
#define offload_htons(x) ((__u16) (x))
#endif
#define offload_ntohs(x) offload_htons (x)

/* Header copies on the stack.  Multi-byte fields are in network byte
   order; the union keeps the addresses 4-byte aligned.  */
struct offload_ip4hdr
{
  __u8 vihl;
  __u8 tos;
  __u16 tot_len;
  __u16 id;
  __u16 frag_off;
  __u8 ttl;
  __u8 protocol;
  __u16 check;
  __u32 saddr;
  __u32 daddr;
  __u8 options[40];
};

struct offload_ip6hdr
{
  __u8 vtc;		/* Version and the top of the traffic class.  */
  __u8 tcfl[3];		/* The rest of the class, the flow label.  */
  __u16 payload_len;
  __u8 nexthdr;
  __u8 hop_limit;
  __u32 saddr[4];
  __u32 daddr[4];
};

union offload_iphdr
{
  struct offload_ip4hdr v4;
  struct offload_ip6hdr v6;
};

/* The UDP header followed by the tail of the pseudo-header.  The one's
   complement sum does not depend on where a 16-bit word is, so the same
   12 bytes serve IPv4 (zero, protocol, length) and IPv6 (32-bit length,
   three zeros, next header).  */
struct offload_udphdr
{
  __u16 source;
  __u16 dest;
  __u16 len;
  __u16 check;
  __u8 zero;
  __u8 proto;
  __u16 pseudo_len;
};

/* Lengths and offsets the verifier must see bounded are __u64 locals
   passed through offload_opaque before their check.  The verifier knows
   the bounds of the register a check compared, and of a whole 8-byte
   stack slot when it is spilled around a helper call; bpf-gcc packs
   32-bit values two to a slot, drops checks it can prove from the
   caller's code, and checks one value but uses another equal one (len
   checked, ulen - 8 used).  offload_opaque makes X unknown to the
   optimizer, so the check is made and its register is the one used.  */
#define offload_opaque(x) __asm__ volatile ("" : "+r" (x))

/* Exchange A and B through T.  Written out rather than looped: a loop
   index would make the verifier see variable stack offsets.  */
#define OFFLOAD_SWAP(a, b, t) ((t) = (a), (a) = (b), (b) = (t))

/* The 32-bit word at P, which may be only 2-byte aligned.  */
static __always_inline __u32
offload_word (const void *p)
{
  __u32 w;
  __builtin_memcpy (&w, p, 4);
  return w;
}

/* True if the 16 bytes at A and B are equal.  */
static __always_inline int
offload_addr6_eq (const void *a, const void *b)
{
  const __u8 *x = a, *y = b;
  return ((offload_word (x) ^ offload_word (y))
	  | (offload_word (x + 4) ^ offload_word (y + 4))
	  | (offload_word (x + 8) ^ offload_word (y + 8))
	  | (offload_word (x + 12) ^ offload_word (y + 12))) == 0;
}

/* True if the IPv6 address at A is v4-mapped, ::ffff:a.b.c.d.  */
static __always_inline int
offload_v4mapped (const __u8 *a)
{
  return (offload_word (a) | offload_word (a + 4) | a[8] | a[9]) == 0
	 && a[10] == 0xff && a[11] == 0xff;
}

/* Fold a 32-bit one's complement sum to 16 bits.  */
static __always_inline __u32
offload_csum_fold (__u32 sum)
{
  sum = (sum & 0xffff) + (sum >> 16);
  return (sum & 0xffff) + (sum >> 16);
}

/* Add to SUM the LEN bytes at P (LEN <= OFFLOAD_MAX_COPY; P points into a
   map value with room for OFFLOAD_MAX_COPY bytes).  bpf_csum_diff sums at
   most 512 bytes a call, in multiples of 4; the last 1 to 3 bytes go in a
   zero-padded word.  Chunks start at multiples of 4, so every byte keeps
   its place in its 16-bit word.  */
static __always_inline __u32
offload_csum_add (const __u8 *p, __u64 len, __u32 sum)
{
  __u64 off, n;

  for (off = 0; off < OFFLOAD_MAX_COPY; off += 512)
    {
      if (off + 4 > len)
	break;
      n = len - off;
      if (n > 512)
	n = 512;
      sum = bpf_csum_diff (0, 0, (void *) (p + off), n & ~3ull, sum);
    }
  if (len & 3)
    {
      union { __u32 w; __u8 b[4]; } tail = { 0 };
      __u64 base = len & ~3ull;

      /* Always true (len < OFFLOAD_MAX_COPY here); it bounds the reads
	 for the verifier.  */
      if (base <= OFFLOAD_MAX_COPY - 4)
	{
	  tail.b[0] = p[base];
	  if ((len & 3) > 1)
	    tail.b[1] = p[base + 1];
	  if ((len & 3) > 2)
	    tail.b[2] = p[base + 2];
	}
      sum = bpf_csum_diff (0, 0, &tail, 4, sum);
    }
  return sum;
}

/* Return 0 if CTX holds a UDP datagram for the service CFG describes and
   fill RQ; return -1, and the caller passes the packet up untouched,
   otherwise.  Besides what the socket would not get (other ethertypes,
   protocols, ports or addresses, IPv4 fragments, IPv6 extension headers,
   truncated headers, lengths that disagree with the packet or each
   other, bad IPv4 header checksums or versions), this also passes up
   what its reply could not simply mirror or what the kernel drops
   before the socket: IPv4 options, multicast, broadcast or 0.0.0.0/8
   destinations or sources, source port 0, IPv6 datagrams without a UDP
   checksum.  Trailing bytes after the IP datagram (Ethernet padding)
   are allowed.  */
static __always_inline int
offload_parse_request (struct xdp_md *ctx, const struct offload_config *cfg,
		       struct offload_request *rq)
{
  union offload_iphdr ip;
  struct offload_udphdr udp;
  __u16 proto;
  __u64 pkt_len = bpf_xdp_get_buff_len (ctx);
  __u64 l3 = 14, hl, ulen;

  if (cfg->port == 0)
    return -1;
  if (bpf_xdp_load_bytes (ctx, 12, &proto, 2))
    return -1;
  if (proto == offload_htons (0x8100) || proto == offload_htons (0x88a8))
    {
      if (bpf_xdp_load_bytes (ctx, 16, &proto, 2))
	return -1;
      l3 = 18;
    }

  if (proto == offload_htons (0x0800))
    {
      __u64 tot_len;

      if (bpf_xdp_load_bytes (ctx, l3, &ip, 20))
	return -1;
      hl = (ip.v4.vihl & 15) * 4;
      offload_opaque (hl);
      /* IPv4 options go up: the stack drops malformed ones, source
	 routes and CIPSO (ip_options_compile, ip_rcv_options), and its
	 reply would not carry the request's options.  */
      if ((ip.v4.vihl >> 4) != 4 || hl != 20)
	return -1;
      /* A correct header sums to 0xffff, its checksum included.  */
      if (offload_csum_fold (bpf_csum_diff (0, 0, &ip, hl, 0)) != 0xffff)
	return -1;
      /* MF set or a fragment offset: a fragment.  */
      if (ip.v4.protocol != 17
	  || (ip.v4.frag_off & offload_htons (0x3fff)) != 0)
	return -1;
      tot_len = offload_ntohs (ip.v4.tot_len);
      if (tot_len < hl + 8 || l3 + tot_len > pkt_len)
	return -1;
      ulen = tot_len - hl;
      {
	/* 0.0.0.0/8, multicast, reserved, broadcast: martians or not
	   unicast (Linux drops the zero net before any socket).  */
	__u8 s = ((const __u8 *) &ip.v4.saddr)[0];
	__u8 d = ((const __u8 *) &ip.v4.daddr)[0];
	if (s == 0 || s >= 224 || d == 0 || d >= 224)
	  return -1;
      }
      if (cfg->family == 2)
	{
	  if (cfg->bound && offload_word (cfg->addr) != ip.v4.daddr)
	    return -1;
	}
      else if (cfg->family == 10)
	{
	  /* A dual-stack socket sees the datagram as from ::ffff:a.b.c.d;
	     one bound to an address gets IPv4 only if it is v4-mapped.  */
	  if (cfg->v6only)
	    return -1;
	  if (cfg->bound && (!offload_v4mapped (cfg->addr)
			     || offload_word (cfg->addr + 12) != ip.v4.daddr))
	    return -1;
	}
      else
	return -1;
      rq->ipv6 = 0;
      __builtin_memset (rq->peer_addr, 0, 16);
      __builtin_memset (rq->local_addr, 0, 16);
      __builtin_memcpy (rq->peer_addr, &ip.v4.saddr, 4);
      __builtin_memcpy (rq->local_addr, &ip.v4.daddr, 4);
    }
  else if (proto == offload_htons (0x86dd))
    {
      if (bpf_xdp_load_bytes (ctx, l3, &ip, 40))
	return -1;
      hl = 40;
      if ((ip.v6.vtc >> 4) != 6 || ip.v6.nexthdr != 17)
	return -1;
      ulen = offload_ntohs (ip.v6.payload_len);
      if (l3 + 40 + ulen > pkt_len)
	return -1;
      if (((const __u8 *) ip.v6.daddr)[0] == 0xff
	  || ((const __u8 *) ip.v6.saddr)[0] == 0xff)
	return -1;
      /* No IPv6 datagram reaches a socket bound to a v4-mapped address.  */
      if (cfg->family != 10
	  || (cfg->bound && (offload_v4mapped (cfg->addr)
			     || !offload_addr6_eq (cfg->addr, ip.v6.daddr))))
	return -1;
      rq->ipv6 = 1;
      __builtin_memcpy (rq->peer_addr, ip.v6.saddr, 16);
      __builtin_memcpy (rq->local_addr, ip.v6.daddr, 16);
    }
  else
    return -1;

  if (bpf_xdp_load_bytes (ctx, l3 + hl, &udp, 8))
    return -1;
  if (ulen < 8 || offload_ntohs (udp.len) != ulen
      || udp.dest != cfg->port || udp.source == 0)
    return -1;
  /* Linux drops IPv6 UDP without a checksum (RFC 8200 8.1).  */
  if (rq->ipv6 && udp.check == 0)
    return -1;

  rq->l3_off = l3;
  rq->l4_off = l3 + hl;
  rq->payload_off = l3 + hl + 8;
  rq->payload_len = ulen - 8;
  rq->pad[0] = rq->pad[1] = rq->pad[2] = 0;
  rq->peer_port = udp.source;
  rq->local_port = udp.dest;
  return 0;
}

/* Copy N bytes of RQ's payload (1 <= N <= rq->payload_len, N <=
   OFFLOAD_MAX_COPY) to DST, a map value with room for OFFLOAD_MAX_COPY
   bytes.  Return 0, or -1 on failure.  */
static __always_inline int
offload_load_payload (struct xdp_md *ctx, const struct offload_request *rq,
		      void *dst, __u32 len)
{
  __u64 n = len;

  offload_opaque (n);
  if (n == 0 || n > OFFLOAD_MAX_COPY || n > rq->payload_len)
    return -1;
  return bpf_xdp_load_bytes (ctx, rq->payload_off, dst, n) ? -1 : 0;
}

/* Return 1 if RQ's UDP checksum is wrong, so that the stack would drop
   the datagram before the socket; 0 if it is right, absent (IPv4) or
   left to the device (see below); -1
   if it cannot be checked here (a payload over OFFLOAD_MAX_COPY bytes).
   BUF is a map value with room for OFFLOAD_MAX_COPY bytes.  */
static __always_inline int
offload_udp_checksum_bad (struct xdp_md *ctx,
			  const struct offload_request *rq, __u8 *buf)
{
  struct offload_udphdr udp;
  struct { __u8 zero, proto; __u16 len; } pseudo;
  __u64 len = rq->payload_len;
  __u32 sum;

  if (bpf_xdp_load_bytes (ctx, rq->l4_off, &udp, 8))
    return -1;
  if (!rq->ipv6 && udp.check == 0)
    return 0;
  offload_opaque (len);
  if (len > OFFLOAD_MAX_COPY)
    return -1;
  pseudo.zero = 0;
  pseudo.proto = 17;
  pseudo.len = udp.len;
  sum = rq->ipv6
	? bpf_csum_diff (0, 0, (void *) rq->peer_addr, 16, 0)
	: bpf_csum_diff (0, 0, (void *) rq->peer_addr, 4, 0);
  sum = rq->ipv6
	? bpf_csum_diff (0, 0, (void *) rq->local_addr, 16, sum)
	: bpf_csum_diff (0, 0, (void *) rq->local_addr, 4, sum);
  sum = bpf_csum_diff (0, 0, &pseudo, 4, sum);
  /* A datagram from this host (veth, loopback) may carry only the
     pseudo-header's sum: the stack trusts it, its checksum was left to
     a device that never computes it.  A datagram damaged on a wire
     holds that exact value by chance only.  */
  if (udp.check == (__u16) offload_csum_fold (sum))
    return 0;
  sum = bpf_csum_diff (0, 0, &udp, 8, sum);
  if (len)
    {
      if (offload_load_payload (ctx, rq, buf, len))
	return -1;
      sum = offload_csum_add (buf, len, sum);
    }
  return offload_csum_fold (sum) != 0xffff;
}

/* Turn the packet in CTX into the reply to RQ, whose UDP payload is the
   LEN bytes at SRC (a map value with room for OFFLOAD_MAX_COPY bytes;
   LEN <= OFFLOAD_MAX_COPY).  Ethernet and IP addresses and UDP ports are
   swapped, a VLAN tag and IPv4 options stay, TTL or hop limit is 64, the
   TOS or traffic class 0 as from a fresh socket, lengths and checksums
   are set.  Return 0: the caller returns XDP_TX; or -1 with the packet
   unchanged: it cannot grow, or RQ is not from offload_parse_request.

   Everything is computed before the packet changes, and nothing can fail
   after the resize: the stores all lie inside the new length.  */
/* Make the frame DELTA bytes longer (or shorter) at its front, keeping
   the bytes between the Ethernet addresses and the IP header (type and
   VLAN tags) at the same offsets; the caller writes everything else.
   For when the tail cannot move: native XDP on veth gets frames with no
   room after them (a reply longer than its request would fall back),
   while the room before them is XDP's headroom.  Return 0 on success.  */
static __always_inline int
offload_resize_at_head (struct xdp_md *ctx, int delta)
{
  /* Bytes 12 to 28: the type and up to two VLAN tags, and the start of
     the IP header, which the caller writes again.  */
  __u8 tags[16];

  if (bpf_xdp_load_bytes (ctx, 12, tags, sizeof tags)
      || bpf_xdp_adjust_head (ctx, -delta)
      || bpf_xdp_store_bytes (ctx, 12, tags, sizeof tags))
    return -1;
  return 0;
}

static __always_inline int
offload_build_reply (struct xdp_md *ctx, const struct offload_request *rq,
		     const void *src, __u32 src_len)
{
  union offload_iphdr ip;
  struct offload_udphdr udp;
  __u16 mac[6];
  __u64 len = src_len, l3 = rq->l3_off, l4 = rq->l4_off, hl, ulen, pkt_len;
  __u32 sum, t;

  offload_opaque (len);
  offload_opaque (l3);
  offload_opaque (l4);
  hl = l4 - l3;
  ulen = 8 + len;
  if (len > OFFLOAD_MAX_COPY || l4 < l3 || hl < 20 || hl > 60 || (hl & 3)
      || (rq->ipv6 && hl != 40))
    return -1;
  if (bpf_xdp_load_bytes (ctx, 0, mac, 12)
      || bpf_xdp_load_bytes (ctx, l3, &ip, hl))
    return -1;

  if (rq->ipv6)
    {
      ip.v6.vtc &= 0xf0;
      ip.v6.tcfl[0] &= 0x0f;
      ip.v6.payload_len = offload_htons (ulen);
      ip.v6.hop_limit = 64;
      OFFLOAD_SWAP (ip.v6.saddr[0], ip.v6.daddr[0], t);
      OFFLOAD_SWAP (ip.v6.saddr[1], ip.v6.daddr[1], t);
      OFFLOAD_SWAP (ip.v6.saddr[2], ip.v6.daddr[2], t);
      OFFLOAD_SWAP (ip.v6.saddr[3], ip.v6.daddr[3], t);
      sum = bpf_csum_diff (0, 0, ip.v6.saddr, 32, 0);
    }
  else
    {
      OFFLOAD_SWAP (ip.v4.saddr, ip.v4.daddr, t);
      ip.v4.tos = 0;
      ip.v4.tot_len = offload_htons (hl + ulen);
      ip.v4.ttl = 64;
      ip.v4.check = 0;
      ip.v4.check = ~offload_csum_fold (bpf_csum_diff (0, 0, &ip, hl, 0));
      sum = bpf_csum_diff (0, 0, &ip.v4.saddr, 8, 0);
    }

  udp.source = rq->local_port;
  udp.dest = rq->peer_port;
  udp.len = offload_htons (ulen);
  udp.check = 0;
  udp.zero = 0;
  udp.proto = 17;
  udp.pseudo_len = udp.len;
  sum = bpf_csum_diff (0, 0, &udp, 12, sum);
  sum = offload_csum_add (src, len, sum);
  /* 0 means "no checksum"; a computed 0 is sent as 0xffff.  */
  udp.check = ~offload_csum_fold (sum);
  if (udp.check == 0)
    udp.check = 0xffff;

  /* Ethernet: destination and source trade places.  */
  OFFLOAD_SWAP (mac[0], mac[3], t);
  OFFLOAD_SWAP (mac[1], mac[4], t);
  OFFLOAD_SWAP (mac[2], mac[5], t);

  pkt_len = bpf_xdp_get_buff_len (ctx);
  if (l4 + ulen != pkt_len
      && bpf_xdp_adjust_tail (ctx, (int) (l4 + ulen - pkt_len))
      && offload_resize_at_head (ctx, (int) (l4 + ulen - pkt_len)))
    return -1;
  if (len > 0 && bpf_xdp_store_bytes (ctx, l4 + 8, (void *) src, len))
    return -1;
  if (bpf_xdp_store_bytes (ctx, l4, &udp, 8)
      || bpf_xdp_store_bytes (ctx, l3, &ip, hl)
      || bpf_xdp_store_bytes (ctx, 0, mac, 12))
    return -1;
  return 0;
}

#endif /* OFFLOAD_XDP_PACKET_H */
