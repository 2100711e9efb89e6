/* xdp-libc.h -- the C library calls generated programs make, over
   program addresses (xdp-memory.h).

   Part of the text the offload plugin puts in front of every generated
   program; not a public header.  Each function returns 0, or -1 when the
   call would touch memory outside the known objects or needs more than
   OFFLOAD_MAX_COPY bytes: the caller then passes the request up.
   Results computed by loops are laundered (xdp-memory.h) so that the
   verifier does not walk the rest of the program once per loop exit.  */

#ifndef OFFLOAD_XDP_LIBC_H
#define OFFLOAD_XDP_LIBC_H

/* Strings are scanned, and memory compared, up to this many bytes; more
   passes the request up.  Each such loop costs the verifier its full
   length at every call site, whatever the data.  */
#define OFFLOAD_MAX_STRING 256

#define OFFLOAD_ONES 0x0101010101010101ULL
#define OFFLOAD_HIGHS 0x8080808080808080ULL
#define OFFLOAD_LOWS7 0x7f7f7f7f7f7f7f7fULL

/* Byte searches and comparisons look at eight bytes a step, and find
   the byte they stop at with arithmetic rather than a byte loop: the
   verifier walks every iteration of a loop, and every exit of one,
   at every call site, so a byte loop inside a word loop costs it
   thousands of instructions a call.  */

/* The top bit of each nonzero byte of X.  Exact: no carry crosses a
   byte (the usual (X - ONES) & ~X test borrows across bytes).  */
static __always_inline __u64
offload_nonzero_bytes (__u64 x)
{
  return (((x & OFFLOAD_LOWS7) + OFFLOAD_LOWS7) | x) & OFFLOAD_HIGHS;
}

static __always_inline __u64
offload_zero_bytes (__u64 x)
{
  return ~offload_nonzero_bytes (x) & OFFLOAD_HIGHS;
}

/* The index of the lowest byte whose top bit M sets (M nonzero, only
   top bits set): the bytes below it and the byte itself each leave one
   low bit in LOW - 1, and the multiplication adds them up in the top
   byte.  */
static __always_inline __u64
offload_first_marked (__u64 m)
{
  __u64 low = m & -m;
  return ((((low - 1) & OFFLOAD_ONES) * OFFLOAD_ONES) >> 56) - 1;
}

/* What offload_find stops at: HOW's low byte is the byte to look for,
   unless OFFLOAD_FIND_CMP says to compare with a second string.  Bits
   16 and up, when set, give how many bytes may matter at most
   (OFFLOAD_FIND_SPAN), a number the verifier knows.  */
#define OFFLOAD_FIND_CMP 0x100	/* At the first difference of P and Q.  */
#define OFFLOAD_FIND_NUL 0x200	/* At a NUL of P too.  */
#define OFFLOAD_FIND_SPAN(n) ((__u32) (n) << 16)

/* The top bit of each byte of the eight at P + I that HOW stops at.  */
static __always_inline __u64
offload_find_marks (const __u8 *p, const __u8 *q, __u64 i, __u32 how)
{
  __u64 a = *(const __u64 *) (p + i);
  __u64 m;
  if (how & OFFLOAD_FIND_CMP)
    m = offload_nonzero_bytes (a ^ *(const __u64 *) (q + i));
  else
    m = offload_zero_bytes (a ^ ((__u64) (how & 0xff) * OFFLOAD_ONES));
  if (how & OFFLOAD_FIND_NUL)
    m |= offload_zero_bytes (a);
  return m;
}

/* The index of the first byte of P[0..N) that HOW stops at, or N (N <=
   OFFLOAD_MAX_STRING; Q is read only with OFFLOAD_FIND_CMP, pass P
   otherwise).  P and Q come from offload_bounce: each half of the
   bounce buffer has room for every word up to OFFLOAD_MAX_STRING; a
   mark at N or after means none.

   The loop has no branch on the data: it reads every word up to the
   span (OFFLOAD_MAX_STRING unless HOW gives one), and keeps the word
   with the first mark with arithmetic.  The verifier then walks it
   once, on one path, and the function returns one state to every
   caller, where a loop with an exit per word would give it an exit,
   and a copy of the caller's remaining work, per word.  */
static __attribute__ ((noinline)) __u64
offload_find (struct offload_ctx *c, const __u8 *p, const __u8 *q, __u64 n,
	      __u32 how)
{
  __u64 at = 0, marks = 0, done = 0;
  __u32 span = how >> 16 ? how >> 16 : OFFLOAD_MAX_STRING;
  for (__u32 k = 0; k < OFFLOAD_MAX_STRING; k += 8)
    {
      if (k >= span)
	break;
      __u64 m = offload_find_marks (p, q, k, how);
      /* 1 if this word has the first mark, else 0.  Selections
	 multiply by it: this verifier splits its state in two where
	 a 0 or -1 mask is ANDed, which would undo the point of
	 having no branch.  */
      __u64 first = ((m | -m) >> 63) & (done ^ 1);
      at += first * k;
      marks += first * m;
      done |= first;
    }
  /* Without a mark, past any N.  */
  __u64 i = at + offload_first_marked (marks) + (done ^ 1) * 1024;
  /* min (i, n); both are small.  */
  __u64 below = (i - n) >> 63;
  return offload_launder (c, n + below * (i - n));
}

/* memmove (and memcpy, whose overlap is undefined anyway): through the
   bounce buffer, so overlapping ranges copy right.  */
static __attribute__ ((noinline)) int
offload_memmove (struct offload_ctx *c, __u64 dst, __u64 src, __u64 n)
{
  if (n == 0)
    return 0;
  if (n > OFFLOAD_MAX_COPY)
    return -1;
  __u8 *from = offload_read (c, src, n);
  if (!from || offload_copy (c, c->s->bounce, from, n))
    return -1;
  __u8 *to = offload_write (c, dst, n);
  if (!to)
    return -1;
  return offload_copy (c, to, c->s->bounce, n);
}

/* memset: eight bytes by hand, then doubling copies.  */
static __attribute__ ((noinline)) int
offload_memset (struct offload_ctx *c, __u64 dst, __u8 value, __u64 n)
{
  if (n == 0)
    return 0;
  if (n > OFFLOAD_MAX_COPY)
    return -1;
  __u8 *to = offload_write (c, dst, n);
  if (!to)
    return -1;
  __u8 *pattern = c->s->bounce;
  *(__u64 *) pattern = value * OFFLOAD_ONES;
  __u32 done = 8;
  for (int i = 0; i < 9; i++)
    {
      if (done >= n)
	break;
      if (bpf_probe_read_kernel (pattern + done, done, pattern))
	return -1;
      done *= 2;
    }
  return offload_copy (c, to, pattern, n);
}

/* Copy the N bytes (N <= OFFLOAD_MAX_STRING) at program address ADDR
   to half SIDE (0 or 1) of the bounce buffer, and return where they
   are now, or NULL when they cannot be read.  offload_read gives
   pointers into a different map for each region, which the verifier
   keeps apart; the copies make them one kind, so that what follows is
   checked once, not once per region (per pair of them, comparing).  */
static __attribute__ ((noinline)) __u8 *
offload_bounce (struct offload_ctx *c, __u64 addr, __u64 n, __u32 side)
{
  __u8 *from = offload_read (c, addr, n);
  __u8 *to = c->s->bounce + (side ? OFFLOAD_MAX_COPY : 0);
  if (!from || offload_copy (c, to, from, n))
    return 0;
  return to;
}

/* The difference of the bytes at index I of P and Q, laundered.  */
static __always_inline __s64
offload_byte_diff (struct offload_ctx *c, const __u8 *p, const __u8 *q,
		   __u64 i)
{
  i &= OFFLOAD_MAX_STRING - 1;
  return offload_launder (c, (__s64) p[i] - (__s64) q[i]);
}

/* What offload_compare returns when memcmp cannot run here.  */
#define OFFLOAD_CMP_FAIL (1LL << 16)

/* memcmp's result, or OFFLOAD_CMP_FAIL; SPAN (OFFLOAD_FIND_SPAN) for
   offload_find.  */
static __always_inline __s64
offload_compare (struct offload_ctx *c, __u64 a, __u64 b, __u64 n,
		 __u32 span)
{
  if (n == 0)
    return 0;
  if (n > OFFLOAD_MAX_STRING)
    return OFFLOAD_CMP_FAIL;
  __u8 *p = offload_bounce (c, a, n, 0);
  __u8 *q = p ? offload_bounce (c, b, n, 1) : 0;
  if (!q)
    return OFFLOAD_CMP_FAIL;
  __u64 i = offload_find (c, p, q, n, OFFLOAD_FIND_CMP | span);
  return i < n ? offload_byte_diff (c, p, q, i) : 0;
}

/* memcmp of a length known at compile time, which the verifier then
   knows too: offload_find looks at the words it covers only.  */
static __attribute__ ((noinline)) int
offload_memcmp_known (struct offload_ctx *c, __u64 a, __u64 b, __u64 n,
		      __s64 *result)
{
  __s64 r = offload_compare (c, a, b, n, n <= OFFLOAD_MAX_STRING
				       ? OFFLOAD_FIND_SPAN (n) : 0);
  *result = r == OFFLOAD_CMP_FAIL ? 0 : r;
  return r == OFFLOAD_CMP_FAIL ? -1 : 0;
}

/* memcmp of any other length, laundered so that the checks on it teach
   the verifier nothing about the caller's value.  */
static __attribute__ ((noinline)) int
offload_memcmp_any (struct offload_ctx *c, __u64 a, __u64 b, __u64 n,
		    __s64 *result)
{
  __s64 r = offload_compare (c, a, b, offload_launder (c, n), 0);
  *result = r == OFFLOAD_CMP_FAIL ? 0 : r;
  return r == OFFLOAD_CMP_FAIL ? -1 : 0;
}

static __always_inline int
offload_memcmp (struct offload_ctx *c, __u64 a, __u64 b, __u64 n,
		__s64 *result)
{
  if (__builtin_constant_p (n))
    return offload_memcmp_known (c, a, b, n, result);
  return offload_memcmp_any (c, a, b, n, result);
}

/* How many bytes from ADDR may be read at once (at most WANT and
   OFFLOAD_MAX_STRING): up to the end of the address's region.  */
static __attribute__ ((noinline)) __u64
offload_readable (struct offload_ctx *c, __u64 addr, __u64 want)
{
  __u64 region = addr >> OFFLOAD_REGION_SHIFT;
  __u64 off = addr & OFFLOAD_OFFSET_MASK;
  __u64 size = region == OFFLOAD_REGION_SCRATCH ? OFFLOAD_SCRATCH_SIZE
	       : region == OFFLOAD_REGION_GLOBALS ? OFFLOAD_GLOBALS_SIZE
	       : region == OFFLOAD_REGION_RODATA ? OFFLOAD_RODATA_SIZE : 0;
  if (off >= size)
    return 0;
  __u64 n = size - off;
  if (n > want)
    n = want;
  if (n > OFFLOAD_MAX_STRING)
    n = OFFLOAD_MAX_STRING;
  return offload_launder (c, n);
}

/* strnlen; without a terminator within the readable bytes, -1 unless
   LIMIT bytes were all there.  */
static __attribute__ ((noinline)) int
offload_strnlen (struct offload_ctx *c, __u64 s, __u64 limit, __u64 *result)
{
  *result = 0;
  if (limit == 0)
    return 0;
  __u64 n = offload_readable (c, s, limit);
  __u8 *p = n ? offload_bounce (c, s, n, 0) : 0;
  if (!p)
    return -1;
  __u64 i = offload_find (c, p, p, n, 0);
  if (i >= n && n < limit)
    return -1;
  *result = offload_launder (c, i);
  return 0;
}

/* strncmp (strcmp with LIMIT OFFLOAD_MAX_STRING).  */
static __attribute__ ((noinline)) int
offload_strncmp (struct offload_ctx *c, __u64 a, __u64 b, __u64 limit,
		 __s64 *result)
{
  *result = 0;
  if (limit == 0)
    return 0;
  __u64 na = offload_readable (c, a, limit);
  __u64 nb = offload_readable (c, b, limit);
  __u64 n = na < nb ? na : nb;
  __u8 *p = n ? offload_bounce (c, a, n, 0) : 0;
  __u8 *q = p ? offload_bounce (c, b, n, 1) : 0;
  if (!q)
    return -1;
  __u64 i = offload_find (c, p, q, n, OFFLOAD_FIND_CMP | OFFLOAD_FIND_NUL);
  if (i < n)
    {
      *result = offload_byte_diff (c, p, q, i);
      return 0;
    }
  /* Equal so far: done only if LIMIT bytes were compared.  */
  return n < limit ? -1 : 0;
}

static __attribute__ ((noinline)) int
offload_memchr (struct offload_ctx *c, __u64 s, __u8 ch, __u64 n,
		__u64 *result)
{
  *result = 0;
  if (n == 0)
    return 0;
  if (n > OFFLOAD_MAX_STRING)
    return -1;
  __u8 *p = offload_bounce (c, s, n, 0);
  if (!p)
    return -1;
  __u64 i = offload_find (c, p, p, n, ch);
  if (i < n)
    *result = offload_launder (c, s + i);
  return 0;
}

static __attribute__ ((noinline)) int
offload_strchr (struct offload_ctx *c, __u64 s, __u8 ch, __u64 *result)
{
  *result = 0;
  __u64 n = offload_readable (c, s, OFFLOAD_MAX_STRING);
  __u8 *p = n ? offload_bounce (c, s, n, 0) : 0;
  if (!p)
    return -1;
  __u64 i = offload_find (c, p, p, n, ch | OFFLOAD_FIND_NUL);
  if (i >= n)
    return -1;
  if (p[i & (OFFLOAD_MAX_STRING - 1)] == ch)
    *result = offload_launder (c, s + i);
  return 0;
}

#define offload_bswap16(x) ((__u16) ((((__u16) (x)) >> 8) | (((__u16) (x)) << 8)))
#define offload_bswap32(x) \
  ((__u32) ((((__u32) (x) & 0xff) << 24) | (((__u32) (x) & 0xff00) << 8) \
	    | (((__u32) (x) >> 8) & 0xff00) | ((__u32) (x) >> 24)))
#define offload_bswap64(x) \
  ((((__u64) offload_bswap32 ((__u64) (x))) << 32) \
   | offload_bswap32 (((__u64) (x)) >> 32))

/* Unsigned division and remainder, the dividend's range hidden.  When
   it knows both operands are below 2^63, GCC 12 expands a division both
   as unsigned and as signed to keep the cheaper (expand_expr_divmod);
   the signed try calls __divdi3 or __moddi3 (bpf-gcc 12 has no signed
   division), and although that code is dropped, the object keeps an
   undefined __divdi3 or __moddi3, which libbpf refuses to load ("failed
   to find BTF for extern").  Found by offload.corpus/fnptr-const-direct.c:
   "len % 10" after "if (len >= 10)".  */
static __attribute__ ((always_inline)) inline __u64
offload_udiv (__u64 a, __u64 b)
{
  __asm__ ("" : "+r" (a));
  return a / b;
}

static __attribute__ ((always_inline)) inline __u64
offload_umod (__u64 a, __u64 b)
{
  __asm__ ("" : "+r" (a));
  return a % b;
}

/* Signed division through magnitudes (bpf-gcc 12 has no signed
   division).  offload_sdiv_traps says when the original would trap:
   the most negative value of a PRECISION-bit type divided by -1.  */
static __attribute__ ((always_inline)) inline int
offload_sdiv_traps (__s64 a, __s64 b, int precision)
{
  __s64 min = precision >= 64 ? (__s64) (1ULL << 63)
	      : -(__s64) (1ULL << (precision - 1));
  return b == -1 && a == min;
}

static __attribute__ ((always_inline)) inline __s64
offload_sdiv (__s64 a, __s64 b)
{
  __u64 ua = a < 0 ? -(__u64) a : (__u64) a;
  __u64 ub = b < 0 ? -(__u64) b : (__u64) b;
  /* Hide the ranges: knowing both are small, GCC would turn this back
     into a signed division bpf-gcc cannot do (__divdi3).  */
  __asm__ ("" : "+r" (ua), "+r" (ub));
  __u64 q = ua / ub;
  return (a < 0) != (b < 0) ? -(__s64) q : (__s64) q;
}

static __attribute__ ((always_inline)) inline __s64
offload_smod (__s64 a, __s64 b)
{
  __u64 ua = a < 0 ? -(__u64) a : (__u64) a;
  __u64 ub = b < 0 ? -(__u64) b : (__u64) b;
  __asm__ ("" : "+r" (ua), "+r" (ub));
  __u64 r = ua % ub;
  return a < 0 ? -(__s64) r : (__s64) r;
}

/* clock_gettime (CLOCK_MONOTONIC, TS): the same clock, in the kernel.  */
static __attribute__ ((noinline)) int
offload_clock_monotonic (struct offload_ctx *c, __u64 ts)
{
  __u64 ns = bpf_ktime_get_ns ();
  __u8 *p = offload_write (c, ts, 16);
  if (!p)
    return -1;
  *(__s64 *) p = ns / 1000000000ULL;
  *(__s64 *) (p + 8) = ns % 1000000000ULL;
  return 0;
}

#endif /* OFFLOAD_XDP_LIBC_H */
