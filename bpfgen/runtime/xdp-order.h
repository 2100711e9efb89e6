/* xdp-order.h -- keeping the order of requests (the contract's rule 2).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   A request passed up to userspace may write state that a later request
   reads.  Answering the later one in the kernel before userspace has
   handled the earlier one would answer from stale state, which the
   original program, serving one request after the other, never does.
   So the kernel and the runtime (libsplit) count:

     passed        requests the kernel let through to the socket: its own
                   fallbacks, and packets it could not rule out as
                   requests (IP fragments, IPv6 extension headers);
     completed     how many of them userspace has finished, which the
                   runtime knows when the program comes back to its
                   receive or its wait call;
     last_pass_ns  when the kernel last passed one, so that the runtime
                   can forgive packets the stack dropped before the
                   socket (bad checksums, a full buffer) once the
                   socket is empty and quiet.

   While passed and completed differ, the kernel answers nothing: every
   request goes up, in arrival order, behind the ones before it.  The
   runtime sets enabled when the program's state is shared; with no
   writable shared state, order cannot change an answer.

   The counters live in a .data section, which libbpf turns into an
   mmapable map that the runtime maps into the program.  This text
   needs xdp-packet.h.  */

struct offload_order
{
  __u64 passed;
  __u64 completed;
  __u64 last_pass_ns;
  __u64 enabled;
};

static struct offload_order offload_order
  __attribute__ ((section (".data.offload_order"), aligned (8)))
  = { 0, 0, 0, 0 };

/* Return true if requests must go up because earlier ones are still
   with userspace.  */
static __attribute__ ((always_inline)) inline int
offload_order_blocked (void)
{
  volatile struct offload_order *o = &offload_order;

  return o->enabled && o->passed != o->completed;
}

/* The count of passed requests when a request starts.  */
static __attribute__ ((always_inline)) inline __u64
offload_order_mark (void)
{
  return ((volatile struct offload_order *) &offload_order)->passed;
}

/* Return true if no request was passed up since MARK.  A request passed
   up meanwhile came after this one, and userspace may already be
   handling it, writing what this one reads: this one then goes up too,
   behind it.  libsplit, for its part, lets a request it receives wait
   for a commit under way (xdp-sync.h) before the program sees it, so
   that the two never write at once.  */
static __attribute__ ((always_inline)) inline int
offload_order_unchanged (__u64 mark)
{
  volatile struct offload_order *o = &offload_order;

  return !o->enabled || o->passed == mark;
}

/* Count a request let through to the socket.  The add is atomic: the
   program runs on every CPU at once.  Its result is unused, which is
   what bpf-gcc 12 can emit.  */
static __attribute__ ((always_inline)) inline void
offload_order_pass (void)
{
  volatile struct offload_order *o = &offload_order;

  if (!o->enabled)
    return;
  /* The time first: the runtime forgives a missing packet only when
     the last pass is old, and must not see the new count with the old
     time.  */
  o->last_pass_ns = bpf_ktime_get_ns ();
  __sync_fetch_and_add (&offload_order.passed, 1);
}

/* Return true if the datagram whose UDP header is at OFF is for the
   service's port.  */
static __attribute__ ((always_inline)) inline int
offload_order_port_at (struct xdp_md *ctx, __u64 off,
		       const struct offload_config *cfg)
{
  __u16 ports[2];

  return !bpf_xdp_load_bytes (ctx, off, ports, 4) && ports[1] == cfg->port;
}

/* Return true if a packet the parser did not take as a request may still
   reach the service's socket as one: the first fragment of an IPv4 UDP
   datagram to the service's port (the socket gets the datagram when it
   is whole; later fragments add nothing), a whole one with IPv4 options
   (xdp-packet.h passes them up), or an IPv6 UDP datagram to
   the port behind extension headers, which the parser does not follow.
   Anything else (neighbour discovery behind a hop-by-hop header, for
   one) must not count, or the kernel would wait for a request that never
   comes.  */
static __attribute__ ((always_inline)) inline int
offload_order_maybe_request (struct xdp_md *ctx,
			     const struct offload_config *cfg)
{
  __u16 proto;
  __u64 l3 = 14;
  __u8 b[20];

  if (bpf_xdp_load_bytes (ctx, 12, &proto, 2))
    return 0;
  if (proto == offload_htons (0x8100) || proto == offload_htons (0x88a8))
    {
      if (bpf_xdp_load_bytes (ctx, 16, &proto, 2))
	return 0;
      l3 = 18;
    }
  if (proto == offload_htons (0x0800))
    {
      /* b[0]: version and header length; b[6..7]: flags and fragment
	 offset; b[9]: protocol.  */
      if (bpf_xdp_load_bytes (ctx, l3, b, 20))
	return 0;
      return b[9] == 17 && ((b[6] & 0x20) || (b[0] & 15) > 5)
	     && (b[6] & 0x1f) == 0 && b[7] == 0
	     && offload_order_port_at (ctx, l3 + (b[0] & 15) * 4, cfg);
    }
  if (proto == offload_htons (0x86dd))
    {
      /* b[6]: the next header.  */
      if (bpf_xdp_load_bytes (ctx, l3, b, 8))
	return 0;
      __u8 next = b[6];
      __u64 off = l3 + 40;
      for (int i = 0; i < 4; i++)
	{
	  if (next == 17)
	    return offload_order_port_at (ctx, off, cfg);
	  if (next != 0 && next != 43 && next != 60 && next != 44)
	    return 0;
	  if (bpf_xdp_load_bytes (ctx, off, b, 4))
	    return 0;
	  /* A fragment after the first: the first one counts.  */
	  if (next == 44 && ((b[2] << 8 | b[3]) & 0xfff8) != 0)
	    return 0;
	  off += next == 44 ? 8 : (__u64) (b[1] + 1) * 8;
	  next = b[0];
	}
    }
  return 0;
}
