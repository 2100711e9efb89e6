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
/* Nonzero if a byte of V is zero.  */
#define OFFLOAD_HAS_ZERO(v) (((v) - OFFLOAD_ONES) & ~(v) & OFFLOAD_HIGHS)

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

static __attribute__ ((noinline)) int
offload_memcmp (struct offload_ctx *c, __u64 a, __u64 b, __u64 n,
		__s64 *result)
{
  *result = 0;
  if (n == 0)
    return 0;
  if (n > OFFLOAD_MAX_STRING)
    return -1;
  __u8 *p = offload_read (c, a, n);
  __u8 *q = offload_read (c, b, n);
  if (!p || !q)
    return -1;
  __u32 i = 0;
  for (__u32 k = 0; k < OFFLOAD_MAX_STRING / 8; k++)
    {
      if (i + 8 > n || *(__u64 *) (p + i) != *(__u64 *) (q + i))
	break;
      i += 8;
    }
  __s64 r = 0;
  for (__u32 k = 0; k < 8; k++)
    {
      if (i >= n)
	break;
      if (p[i] != q[i])
	{
	  r = (__s64) p[i] - (__s64) q[i];
	  break;
	}
      i++;
    }
  *result = offload_launder (c, r);
  return 0;
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

/* The index of the first byte of P[0..N) equal to CH (or 0 when
   STOP_AT_NUL says so), N when none: *FOUND tells which.  */
static __attribute__ ((noinline)) __u64
offload_scan (const __u8 *p, __u64 n, __u8 ch, int stop_at_nul, int *found)
{
  __u64 pattern = ch * OFFLOAD_ONES;
  __u32 i = 0;
  *found = 0;
  for (__u32 k = 0; k < OFFLOAD_MAX_STRING / 8; k++)
    {
      if (i + 8 > n)
	break;
      __u64 v = *(__u64 *) (p + i);
      if (OFFLOAD_HAS_ZERO (v ^ pattern) || (stop_at_nul && OFFLOAD_HAS_ZERO (v)))
	break;
      i += 8;
    }
  for (__u32 k = 0; k < 8; k++)
    {
      if (i >= n)
	break;
      if (p[i] == ch || (stop_at_nul && p[i] == 0))
	{
	  *found = 1;
	  return i;
	}
      i++;
    }
  return i;
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
  __u8 *p = n ? offload_read (c, s, n) : 0;
  if (!p)
    return -1;
  int found;
  __u64 i = offload_scan (p, n, 0, 0, &found);
  if (!found && n < limit)
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
  __u8 *p = n ? offload_read (c, a, n) : 0;
  __u8 *q = n ? offload_read (c, b, n) : 0;
  if (!p || !q)
    return -1;
  __u32 i = 0;
  for (__u32 k = 0; k < OFFLOAD_MAX_STRING / 8; k++)
    {
      if (i + 8 > n)
	break;
      __u64 v = *(__u64 *) (p + i);
      if (v != *(__u64 *) (q + i) || OFFLOAD_HAS_ZERO (v))
	break;
      i += 8;
    }
  for (__u32 k = 0; k < 8; k++)
    {
      if (i >= n)
	break;
      if (p[i] != q[i] || p[i] == 0)
	{
	  *result = offload_launder (c, (__s64) p[i] - (__s64) q[i]);
	  return 0;
	}
      i++;
    }
  /* Equal so far: done only if LIMIT bytes were compared.  */
  return i < limit ? -1 : 0;
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
  __u8 *p = offload_read (c, s, n);
  if (!p)
    return -1;
  int found;
  __u64 i = offload_scan (p, n, ch, 0, &found);
  if (found)
    *result = offload_launder (c, s + i);
  return 0;
}

static __attribute__ ((noinline)) int
offload_strchr (struct offload_ctx *c, __u64 s, __u8 ch, __u64 *result)
{
  *result = 0;
  __u64 n = offload_readable (c, s, OFFLOAD_MAX_STRING);
  __u8 *p = n ? offload_read (c, s, n) : 0;
  if (!p)
    return -1;
  int found;
  __u64 i = offload_scan (p, n, ch, 1, &found);
  if (!found)
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
