/* xdp-memory.h -- the memory of a generated XDP program.

   Part of the text the offload plugin puts in front of every generated
   program (bpfgen/xdp.cc); not a public header.  The generator defines
   OFFLOAD_SCRATCH_SIZE, OFFLOAD_GLOBALS_SIZE and OFFLOAD_RODATA_SIZE
   (powers of two) before this text, and the arrays offload_globals and
   offload_rodata after it.

   Pointers of the translated program are 64-bit numbers: the top bits
   name a region, the rest is an offset in it.
     region 1  scratch: the locals of the translated functions kept in
               memory, one per-CPU map value, private to one request;
     region 2  globals: the program's global variables (a .data map that
               userspace shares);
     region 3  rodata: string literals and constant tables.
   Null stays 0, and region 0 is never valid, so a null dereference
   passes the request up instead of faulting.

   Every access goes through offload_read/offload_write (or, where the
   generator knows the address's region, offload_read_REGION and
   offload_write_REGION), which check the bounds, and give the verifier
   a pointer it can check: the offset is stored to map memory and loaded
   back before it is masked, so the verifier never has to track the
   program's own integers precisely (which would make it walk every loop
   iteration of every path), and the mask bounds the access whatever the
   value.

   Writes to globals never reach the globals map before the request has
   completed (the correctness contract, rule 1).  The first write of a
   request copies the globals into a per-CPU shadow; from then on the
   request reads and writes the shadow, and logs the ranges it writes.
   offload_commit copies those ranges to the map once nothing can fall
   back any more; offload_discard forgets them.  No access needs a loop,
   which keeps the verifier's work per access small.  */

#ifndef OFFLOAD_XDP_MEMORY_H
#define OFFLOAD_XDP_MEMORY_H

#define OFFLOAD_REGION_SHIFT 40
#define OFFLOAD_OFFSET_MASK ((1ULL << OFFLOAD_REGION_SHIFT) - 1)
#define OFFLOAD_REGION_SCRATCH 1
#define OFFLOAD_REGION_GLOBALS 2
#define OFFLOAD_REGION_RODATA 3
#define OFFLOAD_ADDR(region, offset) \
  ((((__u64) (region)) << OFFLOAD_REGION_SHIFT) + (__u64) (offset))

/* Writes to globals one request may log.  */
#define OFFLOAD_MAX_RECORDS 32

/* The per-CPU memory of one request.  */
struct offload_scratch
{
  __u8 mem[OFFLOAD_SCRATCH_SIZE + OFFLOAD_MAX_COPY];
  __u8 shadow[OFFLOAD_SHADOW_SIZE + OFFLOAD_MAX_COPY];
  /* A bounce buffer for memmove and memset.  */
  __u8 bounce[2 * OFFLOAD_MAX_COPY];
  /* The reply, staged by sendto and written to the packet at the end.  */
  __u8 reply[OFFLOAD_MAX_COPY];
  __u32 rec_off[OFFLOAD_MAX_RECORDS];
  __u32 rec_len[OFFLOAD_MAX_RECORDS];
  __u32 nrec;
  __u32 shadowing;		/* The shadow holds this request's view.  */
  /* Where offsets are laundered (see above).  */
  volatile __u64 launder;
};

struct
{
  __uint (type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, struct offload_scratch);
} offload_scratch SEC (".maps");

/* Why a request was passed up; counted in offload_stats from
   OFFLOAD_STAT_REASONS on.  */
#define OFFLOAD_STAT_REASONS 4
enum offload_fallback
{
  OFFLOAD_FB_NONE,
  OFFLOAD_FB_REFUSED,		/* A statement that cannot run in BPF.  */
  OFFLOAD_FB_MEMORY,		/* An access out of the known objects.  */
  OFFLOAD_FB_LOOP,		/* A loop ran past its bound.  */
  OFFLOAD_FB_RECORDS,		/* Too many writes to globals.  */
  OFFLOAD_FB_REPLY,		/* Second reply, other destination, or a
				   reply that does not fit.  */
  OFFLOAD_FB_ARITH,		/* Division by zero or overflow trap.  */
  OFFLOAD_FB_LEAVE,		/* The request left the event loop.  */
  OFFLOAD_FB_PAYLOAD,		/* The payload could not be read.  */
  OFFLOAD_FB_ORDER,		/* Earlier requests are with userspace.  */
  OFFLOAD_FB_CONCURRENT,	/* Another CPU wrote the globals meanwhile.  */
  OFFLOAD_FB_MAX
};

/* The state of one request, on the BPF stack.  */
struct offload_ctx
{
  struct xdp_md *xdp;
  struct offload_scratch *s;
  struct offload_request rq;
  __u32 fail;			/* enum offload_fallback, 0 while fine.  */
  __u32 finished;		/* The request has been served.  */
  __u32 family;			/* The socket's family (offload_config).  */
  __u32 replied;		/* A reply is staged in s->reply.  */
  __u32 end;			/* Which reply it is, for the stats.  */
  __u32 reply_len;
  __u64 conn_fd;		/* TCP: the connection's descriptor in the
				   program (sk-conn.h).  */
};

#define OFFLOAD_FAIL(c, why) \
  do { (c)->fail = (why); goto offload_out; } while (0)

/* Pass OFFSET through map memory, so that the verifier forgets how it
   was computed (see above).  */
static __attribute__ ((noinline)) __u64
offload_launder (struct offload_ctx *c, __u64 offset)
{
  c->s->launder = offset;
  return c->s->launder;
}

/* Copy N bytes (N <= OFFLOAD_MAX_COPY) from SRC to DST, both pointers
   into map values; bpf_probe_read_kernel copies without a loop the
   verifier would have to walk.  */
static __attribute__ ((noinline)) int
offload_copy (struct offload_ctx *c, void *dst, const void *src, __u32 n)
{
  __u64 len = offload_launder (c, n);
  if (len == 0)
    return 0;
  if (len > OFFLOAD_MAX_COPY)
    return -1;
  return bpf_probe_read_kernel (dst, len, src);
}

/* Each global starts a page of the globals region, where the host maps
   it (libsplit); the shadow packs them, since the per-CPU map that holds
   it is small.  offload_shadow_base gives for each page of the region
   where its bytes are in the shadow, and OFFLOAD_SHADOW_EXTENTS (X)
   expands to X (OFFSET, SIZE, SHADOW_OFFSET) for each global.  */
#ifndef OFFLOAD_SHADOW_EXTENTS
#define OFFLOAD_SHADOW_EXTENTS(X)
#define OFFLOAD_SHADOW_BASES { 0 }
#endif
#define OFFLOAD_PAGE_SHIFT 12

static __u32 offload_shadow_base[OFFLOAD_GLOBAL_PAGES]
  __attribute__ ((section (".data.offload_shadow_base"), aligned (8)))
  = OFFLOAD_SHADOW_BASES;

/* Where the byte at offset OFF of the globals is in the shadow.  */
static __attribute__ ((always_inline)) inline __u8 *
offload_shadow_at (struct offload_scratch *s, __u64 off)
{
  __u32 base = offload_shadow_base[(off >> OFFLOAD_PAGE_SHIFT)
				   & (OFFLOAD_GLOBAL_PAGES - 1)];
  __u64 in_page = off & ((1 << OFFLOAD_PAGE_SHIFT) - 1);
  return s->shadow + ((base + in_page) & (OFFLOAD_SHADOW_SIZE - 1));
}

/* The checks of one region, for the accessors of a known region below:
   a pointer for N bytes (N <= OFFLOAD_MAX_COPY) at offset OFF of the
   region (OFF < 1 << OFFLOAD_REGION_SHIFT), or NULL when they are not
   inside it.  The generic accessors keep their own copy: the verifier's
   work depends on how bpf-gcc lays out their branches, and a version
   built on these helpers cost it a third more on the kvserver demo.  */
static __attribute__ ((always_inline)) inline __u8 *
offload_scratch_at (struct offload_scratch *s, __u64 off, __u32 n)
{
  if (off + n > OFFLOAD_SCRATCH_SIZE)
    return 0;
  return s->mem + (off & (OFFLOAD_SCRATCH_SIZE - 1));
}

static __attribute__ ((always_inline)) inline __u8 *
offload_rodata_at (__u64 off, __u32 n)
{
  if (off + n > OFFLOAD_RODATA_SIZE)
    return 0;
  return offload_rodata + (off & (OFFLOAD_RODATA_SIZE - 1));
}

/* The request's view of the globals: the shadow once it has written
   one.  */
static __attribute__ ((always_inline)) inline __u8 *
offload_globals_at (struct offload_scratch *s, __u64 off, __u32 n)
{
  if (off + n > OFFLOAD_GLOBALS_SIZE)
    return 0;
  off &= OFFLOAD_GLOBALS_SIZE - 1;
  return s->shadowing ? offload_shadow_at (s, off) : offload_globals + off;
}

/* A pointer for reading N bytes at program address ADDR, or NULL when
   they are not inside one object region.  */
static __attribute__ ((noinline)) __u8 *
offload_read (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 region = addr >> OFFLOAD_REGION_SHIFT;
  __u64 off = offload_launder (c, addr & OFFLOAD_OFFSET_MASK);
  struct offload_scratch *s = c->s;
  n = offload_launder (c, n);
  if (n > OFFLOAD_MAX_COPY)
    return 0;
  if (region == OFFLOAD_REGION_SCRATCH)
    {
      if (off + n > OFFLOAD_SCRATCH_SIZE)
	return 0;
      return s->mem + (off & (OFFLOAD_SCRATCH_SIZE - 1));
    }
  if (region == OFFLOAD_REGION_RODATA)
    {
      if (off + n > OFFLOAD_RODATA_SIZE)
	return 0;
      return offload_rodata + (off & (OFFLOAD_RODATA_SIZE - 1));
    }
  if (region != OFFLOAD_REGION_GLOBALS || off + n > OFFLOAD_GLOBALS_SIZE)
    return 0;
  off &= OFFLOAD_GLOBALS_SIZE - 1;
  return s->shadowing ? offload_shadow_at (s, off) : offload_globals + off;
}

/* Accessors for an address whose region the generator knows
   (bpfgen/emit.cc): they skip the dispatch on the region.  The
   verifier rarely knows the region of a laundered or loop-carried
   address, so the generic accessor makes it follow every region's
   branch, and every pointer those return, for each access of each
   loop iteration.  They accept exactly what offload_read and
   offload_write accept, and nothing else: OFF, ADDR less the region's
   base, is below the region's size only for an address in it (any
   other region, or a wrapped one, gives a larger OFF).  So a wrong
   guess of the generator would pass the request up, never touch other
   memory.  N is the size of one load or store, a constant the verifier
   sees, so it is not laundered.  */
static __attribute__ ((noinline)) __u8 *
offload_read_scratch (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 off = offload_launder (c, addr - OFFLOAD_ADDR (OFFLOAD_REGION_SCRATCH,
						       0));
  if (n > OFFLOAD_MAX_COPY || off >= OFFLOAD_SCRATCH_SIZE)
    return 0;
  return offload_scratch_at (c->s, off, n);
}

static __attribute__ ((noinline)) __u8 *
offload_read_rodata (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 off = offload_launder (c, addr - OFFLOAD_ADDR (OFFLOAD_REGION_RODATA,
						       0));
  if (n > OFFLOAD_MAX_COPY || off >= OFFLOAD_RODATA_SIZE)
    return 0;
  return offload_rodata_at (off, n);
}

static __attribute__ ((noinline)) __u8 *
offload_read_globals (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 off = offload_launder (c, addr - OFFLOAD_ADDR (OFFLOAD_REGION_GLOBALS,
						       0));
  if (n > OFFLOAD_MAX_COPY || off >= OFFLOAD_GLOBALS_SIZE)
    return 0;
  return offload_globals_at (c->s, off, n);
}

/* Copy SIZE bytes of the globals at OFF to SHADOW_OFF in the shadow.  */
static __attribute__ ((always_inline)) inline int
offload_shadow_extent (struct offload_scratch *s, __u32 off, __u32 size,
		       __u32 shadow_off)
{
  for (__u32 done = 0; done < size; done += OFFLOAD_MAX_COPY)
    {
      __u32 n = size - done;
      if (n > OFFLOAD_MAX_COPY)
	n = OFFLOAD_MAX_COPY;
      if (bpf_probe_read_kernel (s->shadow + shadow_off + done, n,
				 offload_globals + off + done))
	return -1;
    }
  return 0;
}

/* Start the request's view of the globals: a copy in the shadow.  */
static __attribute__ ((noinline)) int
offload_shadow (struct offload_ctx *c)
{
  struct offload_scratch *s = c->s;
#define OFFLOAD_SHADOW_ONE(OFF, SIZE, SHADOW_OFF) \
  if (offload_shadow_extent (s, (OFF), (SIZE), (SHADOW_OFF))) \
    return -1;
  OFFLOAD_SHADOW_EXTENTS (OFFLOAD_SHADOW_ONE)
#undef OFFLOAD_SHADOW_ONE
  s->shadowing = 1;
  return 0;
}

#ifdef OFFLOAD_MERGE_RECORDS
/* Grow record K to cover N bytes at OFF too, if they touch or overlap
   it; return 1 if it did.  A byte-by-byte fill of a per-connection
   buffer (a store to the buffer, a store to its length, and again)
   then costs two records, not two a byte.  Only bytes written are
   covered, so the commit copies exactly what it did before.  TCP
   programs (bpfgen/sk-skb.cc) define OFFLOAD_MERGE_RECORDS.  */
static __attribute__ ((always_inline)) inline int
offload_merge_record (struct offload_scratch *s, __u32 k, __u64 off, __u32 n)
{
  __u64 start = s->rec_off[k & (OFFLOAD_MAX_RECORDS - 1)];
  __u64 end = start + s->rec_len[k & (OFFLOAD_MAX_RECORDS - 1)];
  if (off > end || off + n < start)
    return 0;
  if (off < start)
    start = off;
  if (off + n > end)
    end = off + n;
  if (end - start > OFFLOAD_MAX_COPY)
    return 0;
  s->rec_off[k & (OFFLOAD_MAX_RECORDS - 1)] = start;
  s->rec_len[k & (OFFLOAD_MAX_RECORDS - 1)] = end - start;
  return 1;
}
#endif

/* A pointer for writing N bytes at offset OFF of the globals
   (OFF < 1 << OFFLOAD_REGION_SHIFT), or NULL: in the shadow, with the
   write logged, so that nothing reaches the globals map before the
   request has completed (the correctness contract, rule 1).  */
static __attribute__ ((always_inline)) inline __u8 *
offload_globals_write_at (struct offload_ctx *c, __u64 off, __u32 n)
{
  struct offload_scratch *s = c->s;
  if (off + n > OFFLOAD_GLOBALS_SIZE)
    return 0;
  off &= OFFLOAD_GLOBALS_SIZE - 1;
  if (!s->shadowing && offload_shadow (c))
    return 0;
  __u32 i = s->nrec;
#ifdef OFFLOAD_MERGE_RECORDS
  if ((i > 0 && offload_merge_record (s, i - 1, off, n))
      || (i > 1 && offload_merge_record (s, i - 2, off, n)))
    return offload_shadow_at (s, off);
#endif
  if (i >= OFFLOAD_MAX_RECORDS)
    return 0;
  s->rec_off[i & (OFFLOAD_MAX_RECORDS - 1)] = off;
  s->rec_len[i & (OFFLOAD_MAX_RECORDS - 1)] = n;
  s->nrec = i + 1;
  return offload_shadow_at (s, off);
}

/* A pointer for writing N bytes at program address ADDR, or NULL.  A
   write to globals goes to the shadow and is logged.  */
static __attribute__ ((noinline)) __u8 *
offload_write (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 region = addr >> OFFLOAD_REGION_SHIFT;
  __u64 off = offload_launder (c, addr & OFFLOAD_OFFSET_MASK);
  struct offload_scratch *s = c->s;
  n = offload_launder (c, n);
  if (n > OFFLOAD_MAX_COPY)
    return 0;
  if (region == OFFLOAD_REGION_SCRATCH)
    {
      if (off + n > OFFLOAD_SCRATCH_SIZE)
	return 0;
      return s->mem + (off & (OFFLOAD_SCRATCH_SIZE - 1));
    }
  if (region != OFFLOAD_REGION_GLOBALS || off + n > OFFLOAD_GLOBALS_SIZE)
    return 0;
  off &= OFFLOAD_GLOBALS_SIZE - 1;
  if (!s->shadowing && offload_shadow (c))
    return 0;
  __u32 i = s->nrec;
#ifdef OFFLOAD_MERGE_RECORDS
  if ((i > 0 && offload_merge_record (s, i - 1, off, n))
      || (i > 1 && offload_merge_record (s, i - 2, off, n)))
    return offload_shadow_at (s, off);
#endif
  if (i >= OFFLOAD_MAX_RECORDS)
    return 0;
  s->rec_off[i & (OFFLOAD_MAX_RECORDS - 1)] = off;
  s->rec_len[i & (OFFLOAD_MAX_RECORDS - 1)] = n;
  s->nrec = i + 1;
  return offload_shadow_at (s, off);
}

/* Writes where the generator knows the region, as the reads above.
   Rodata is never written, so it has none.  */
static __attribute__ ((noinline)) __u8 *
offload_write_scratch (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 off = offload_launder (c, addr - OFFLOAD_ADDR (OFFLOAD_REGION_SCRATCH,
						       0));
  if (n > OFFLOAD_MAX_COPY || off >= OFFLOAD_SCRATCH_SIZE)
    return 0;
  return offload_scratch_at (c->s, off, n);
}

static __attribute__ ((noinline)) __u8 *
offload_write_globals (struct offload_ctx *c, __u64 addr, __u32 n)
{
  __u64 off = offload_launder (c, addr - OFFLOAD_ADDR (OFFLOAD_REGION_GLOBALS,
						       0));
  if (n > OFFLOAD_MAX_COPY || off >= OFFLOAD_GLOBALS_SIZE)
    return 0;
  return offload_globals_write_at (c, off, n);
}

/* Make the logged writes of the request visible: it has completed.  */
static __attribute__ ((noinline)) void
offload_commit (struct offload_ctx *c)
{
  struct offload_scratch *s = c->s;
  for (__u32 i = 0; i < OFFLOAD_MAX_RECORDS; i++)
    {
      if (i >= s->nrec)
	break;
      __u64 off = offload_launder (c, s->rec_off[i])
		  & (OFFLOAD_GLOBALS_SIZE - 1);
      offload_copy (c, offload_globals + off, offload_shadow_at (s, off),
		    s->rec_len[i]);
    }
  s->nrec = 0;
  s->shadowing = 0;
}

/* Forget the logged writes: the request goes up to userspace.  */
static __attribute__ ((always_inline)) inline void
offload_discard (struct offload_ctx *c)
{
  c->s->nrec = 0;
  c->s->shadowing = 0;
}

#endif /* OFFLOAD_XDP_MEMORY_H */
