/* xdp-request.h -- the receive and the reply of a generated program.

   Part of the text the offload plugin puts in front of every generated
   program; not a public header.  offload_receive does what the
   program's recvfrom (or recv, or read) would have done with the
   datagram in the packet; offload_sendto stages the reply sendto would
   have sent, after checking it goes back to the requester.  */

#ifndef OFFLOAD_XDP_REQUEST_H
#define OFFLOAD_XDP_REQUEST_H

#define OFFLOAD_AF_INET 2
#define OFFLOAD_AF_INET6 10
#define OFFLOAD_MSG_TRUNC 0x20
#define OFFLOAD_MSG_DONTWAIT 0x40
#define OFFLOAD_MSG_CONFIRM 0x800
#define OFFLOAD_MSG_NOSIGNAL 0x4000

/* The peer as a struct sockaddr_in or sockaddr_in6 of the socket's
   family; IPv4 peers of an IPv6 socket are v4-mapped.  */
struct offload_sockaddr
{
  __u16 family;
  __u16 port;
  __u32 flowinfo;		/* sin_addr for AF_INET.  */
  __u8 addr6[16];
  __u32 scope_id;
};

static __attribute__ ((always_inline)) inline __u32
offload_peer (struct offload_ctx *c, struct offload_sockaddr *sa)
{
  __builtin_memset (sa, 0, sizeof *sa);
  sa->port = c->rq.peer_port;
  if (c->family == OFFLOAD_AF_INET)
    {
      sa->family = OFFLOAD_AF_INET;
      __builtin_memcpy (&sa->flowinfo, c->rq.peer_addr, 4);
      return 16;
    }
  sa->family = OFFLOAD_AF_INET6;
  if (c->rq.ipv6)
    __builtin_memcpy (sa->addr6, c->rq.peer_addr, 16);
  else
    {
      sa->addr6[10] = 0xff;
      sa->addr6[11] = 0xff;
      __builtin_memcpy (sa->addr6 + 12, c->rq.peer_addr, 4);
    }
  return 28;
}

/* The arguments of the receive: LEN bytes of room at BUF, FLAGS, and
   the peer address object ADDR (ROOM bytes) with its length at ADDRLEN
   (both 0 for recv and read).  A struct: BPF calls take 5 arguments.  */
struct offload_recv_args
{
  __u64 buf, len, flags, addr, addrlen, room;
};

/* The receive A describes.  Return what the call returns, or set
   c->fail.  */
static __attribute__ ((noinline)) __u64
offload_receive (struct offload_ctx *c, const struct offload_recv_args *a)
{
  __u64 buf = a->buf, len = a->len, flags = a->flags, addr = a->addr;
  __u64 addrlen = a->addrlen, room = a->room;
  if (flags & ~(__u64) (OFFLOAD_MSG_TRUNC | OFFLOAD_MSG_DONTWAIT))
    {
      c->fail = OFFLOAD_FB_REFUSED;
      return 0;
    }
  __u64 have = c->rq.payload_len;
  __u64 n = offload_launder (c, have < len ? have : len);
  if (n > OFFLOAD_MAX_COPY)
    {
      c->fail = OFFLOAD_FB_PAYLOAD;
      return 0;
    }
  if (n)
    {
      __u8 *p = offload_write (c, buf, n);
      if (!p)
	{
	  c->fail = OFFLOAD_FB_MEMORY;
	  return 0;
	}
      if (offload_load_payload (c->xdp, &c->rq, p, n))
	{
	  c->fail = OFFLOAD_FB_PAYLOAD;
	  return 0;
	}
    }
  if (addr && addrlen)
    {
      struct offload_sockaddr sa;
      __u32 size = offload_peer (c, &sa);
      __u32 copy = size < room ? size : room;
      __u8 *p = offload_write (c, addr, copy);
      __u8 *q = offload_write (c, addrlen, 4);
      if (!p || !q || offload_copy (c, p, &sa, copy))
	{
	  c->fail = OFFLOAD_FB_MEMORY;
	  return 0;
	}
      *(__u32 *) q = size;
    }
  return flags & OFFLOAD_MSG_TRUNC ? have : n;
}

/* Stage the reply of sendto (BUF, LEN, FLAGS, DEST): 0, or -1 when the
   kernel cannot send it (a second reply, another destination, unknown
   flags, too long).  */
static __attribute__ ((noinline)) int
offload_sendto (struct offload_ctx *c, __u64 buf, __u64 len, __u64 flags,
		__u64 dest)
{
  if (c->replied || !dest
      || (flags & ~(__u64) (OFFLOAD_MSG_DONTWAIT | OFFLOAD_MSG_CONFIRM
			    | OFFLOAD_MSG_NOSIGNAL)))
    return -1;
  len = offload_launder (c, len);
  if (len > OFFLOAD_MAX_COPY)
    return -1;
  struct offload_sockaddr sa;
  __u32 size = offload_peer (c, &sa);
  __u8 *d = offload_read (c, dest, size);
  if (!d)
    return -1;
  /* Family, port and address must be the requester's.  */
  __u8 *want = (__u8 *) &sa;
  __u32 from = size == 16 ? 8 : 24;
  for (__u32 i = 0; i < 24; i++)
    {
      if (i >= from)
	break;
      if (i >= 4 && i < 8 && size == 28)
	continue;		/* sin6_flowinfo is not an address.  */
      if (d[i] != want[i])
	return -1;
    }
  if (len)
    {
      __u8 *p = offload_read (c, buf, len);
      if (!p || offload_copy (c, c->s->reply, p, len))
	return -1;
    }
  c->reply_len = len;
  c->replied = 1;
  return 0;
}

#endif /* OFFLOAD_XDP_REQUEST_H */
