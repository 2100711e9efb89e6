/* sk-stream.h -- the stream side of a generated SK_SKB program.

   Part of the text the offload plugin puts in front of every generated
   TCP program (bpfgen/sk-skb.cc); not a public header.  It takes the
   place xdp-packet.h has for UDP: the types and helpers the other
   runtime texts (xdp-memory.h, xdp-libc.h, xdp-request.h, xdp-sync.h)
   need, with the request's bytes read from the socket buffer the
   verdict program sees (what the program's read would have returned)
   rather than from a parsed packet.

   bpf-gcc 12 declares bpf_get_socket_cookie returning int (the cookie
   is 64 bits) and bpf_msg_pull_data with 2 arguments (the kernel's has
   4): both are declared here under names of their own.  */

#ifndef OFFLOAD_SK_STREAM_H
#define OFFLOAD_SK_STREAM_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef int __s32;
typedef long long __s64;

/* The UAPI context of SK_SKB programs, up to the fields used here.  */
struct __sk_buff
{
  __u32 len;
  __u32 pkt_type;
  __u32 mark;
  __u32 queue_mapping;
  __u32 protocol;
  __u32 vlan_present;
  __u32 vlan_tci;
  __u32 vlan_proto;
  __u32 priority;
  __u32 ingress_ifindex;
  __u32 ifindex;
  __u32 tc_index;
  __u32 cb[5];
  __u32 hash;
  __u32 tc_classid;
  __u32 data;
  __u32 data_end;
  __u32 napi_id;
  __u32 family;
  __u32 remote_ip4;
  __u32 local_ip4;
  __u32 remote_ip6[4];
  __u32 local_ip6[4];
  __u32 remote_port;
  __u32 local_port;
};

/* The UAPI context of SK_MSG programs.  */
struct sk_msg_md
{
  void *data;
  void *data_end;
  __u32 family;
  __u32 remote_ip4;
  __u32 local_ip4;
  __u32 remote_ip6[4];
  __u32 local_ip6[4];
  __u32 remote_port;
  __u32 local_port;
  __u32 size;
};

/* Only the verdict's skb travels in struct offload_ctx (xdp-memory.h),
   under the XDP name.  */
struct xdp_md;

enum sk_action
{
  SK_DROP = 0,
  SK_PASS
};

enum
{
  BPF_MAP_TYPE_HASH = 1,
  BPF_MAP_TYPE_ARRAY = 2,
  BPF_MAP_TYPE_PERCPU_ARRAY = 6,
  BPF_MAP_TYPE_LRU_HASH = 9,
  BPF_MAP_TYPE_SOCKHASH = 18
};

#define BPF_ANY 0

#ifndef __uint
#define __uint(name, val) int (*name)[val]
#endif
#ifndef __type
#define __type(name, val) __typeof__ (val) *name
#endif
#ifndef __always_inline
#define __always_inline inline __attribute__ ((always_inline))
#endif

#include <bpf-helpers.h>

__u64 offload_socket_cookie (void *ctx) KERNEL_HELPER (46);
long offload_msg_pull_data (void *msg, __u32 start, __u32 end, __u64 flags)
  KERNEL_HELPER (63);

#ifndef OFFLOAD_MAX_COPY
#define OFFLOAD_MAX_COPY 2048
#endif

/* The same configuration as for UDP (libsplit fills it in); for TCP
   only PORT, non-zero while the service runs, is used.  */
struct offload_config
{
  __u16 port;
  __u8 family;
  __u8 v6only;
  __u8 bound;
  __u8 pad[3];
  __u8 addr[16];
};

enum
{
  OFFLOAD_STAT_TX,		/* Messages answered by the kernel.  */
  OFFLOAD_STAT_DROP,
  OFFLOAD_STAT_PASS_FALLBACK,
  OFFLOAD_STAT_PASS_OTHER,
  OFFLOAD_STAT_ENDS = 16,
  OFFLOAD_STAT_MAX_ENDS = 16,
  OFFLOAD_STAT_MAX = 32
};

/* What xdp-request.h knows of a request.  A stream has no peer address
   to hand out (read and recv do not fill one), so only PAYLOAD_LEN
   matters: the bytes of the chunk the verdict sees.  */
struct offload_request
{
  __u32 payload_off;
  __u32 payload_len;
  __u16 l3_off;
  __u16 l4_off;
  __u8 ipv6;
  __u8 pad[3];
  __u16 peer_port;
  __u16 local_port;
  __u8 peer_addr[16];
  __u8 local_addr[16];
};

#define offload_opaque(x) __asm__ volatile ("" : "+r" (x))

/* Copy N bytes of the chunk (1 <= N <= rq->payload_len, N <=
   OFFLOAD_MAX_COPY) to DST, a map value with room for OFFLOAD_MAX_COPY
   bytes.  CTX is the verdict's skb.  Return 0, or -1.  */
static __always_inline int
offload_load_payload (struct xdp_md *ctx, const struct offload_request *rq,
		      void *dst, __u32 len)
{
  __u64 n = len;

  offload_opaque (n);
  if (n == 0 || n > OFFLOAD_MAX_COPY || n > rq->payload_len)
    return -1;
  return bpf_skb_load_bytes ((void *) ctx, 0, dst, n) ? -1 : 0;
}

#endif /* OFFLOAD_SK_STREAM_H */
