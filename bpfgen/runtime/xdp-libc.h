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

/* memmove (and memcpy, whose overlap is undefined anyway): through the
   second compose area, so overlapping ranges copy right.  */
static __attribute__ ((noinline)) int
offload_memmove (struct offload_ctx *c, __u64 dst, __u64 src, __u64 n)
{
  if (n == 0)
    return 0;
  if (n > OFFLOAD_MAX_COPY)
    return -1;
  __u8 *from = offload_read (c, src, n, 0);
  if (!from || offload_copy (c, c->s->compose[1], from, n))
    return -1;
  __u8 *to = offload_write (c, dst, n);
  if (!to)
    return -1;
  return offload_copy (c, to, c->s->compose[1], n);
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
  __u8 *pattern = c->s->compose[1];
  for (int i = 0; i < 8; i++)
    pattern[i] = value;
  __u32 done = 8;
  for (int i = 0; i < 9 && done < n; i++)
    {
      if (offload_copy (c, pattern + done, pattern, done))
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
  if (n > OFFLOAD_MAX_COPY)
    return -1;
  __u8 *p = offload_read (c, a, n, 0);
  __u8 *q = offload_read (c, b, n, 1);
  if (!p || !q)
    return -1;
  __s64 r = 0;
  for (__u32 i = 0; i < OFFLOAD_MAX_COPY; i++)
    {
      if (i >= n)
	break;
      if (p[i] != q[i])
	{
	  r = (__s64) p[i] - (__s64) q[i];
	  break;
	}
    }
  *result = offload_launder (c, r);
  return 0;
}

/* How many bytes from ADDR may be read at once (at most WANT and
   OFFLOAD_MAX_COPY): up to the end of the address's region.  */
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
  if (n > OFFLOAD_MAX_COPY)
    n = OFFLOAD_MAX_COPY;
  return offload_launder (c, n);
}

/* strnlen; without a terminator within the readable bytes, -1 unless
   LIMIT bytes were all there.  */
static __attribute__ ((noinline)) int
offload_strnlen (struct offload_ctx *c, __u64 s, __u64 limit, __u64 *result)
{
  __u64 n = offload_readable (c, s, limit);
  if (n == 0)
    return limit == 0 ? (*result = 0, 0) : -1;
  __u8 *p = offload_read (c, s, n, 0);
  if (!p)
    return -1;
  for (__u32 i = 0; i < OFFLOAD_MAX_COPY; i++)
    {
      if (i >= n)
	break;
      if (p[i] == 0)
	{
	  *result = offload_launder (c, i);
	  return 0;
	}
    }
  if (n < limit)
    return -1;
  *result = offload_launder (c, n);
  return 0;
}

/* strncmp (strcmp with LIMIT OFFLOAD_MAX_COPY).  */
static __attribute__ ((noinline)) int
offload_strncmp (struct offload_ctx *c, __u64 a, __u64 b, __u64 limit,
		 __s64 *result)
{
  *result = 0;
  __u64 na = offload_readable (c, a, limit);
  __u64 nb = offload_readable (c, b, limit);
  __u64 n = na < nb ? na : nb;
  if (limit == 0)
    return 0;
  if (n == 0)
    return -1;
  __u8 *p = offload_read (c, a, n, 0);
  __u8 *q = offload_read (c, b, n, 1);
  if (!p || !q)
    return -1;
  for (__u32 i = 0; i < OFFLOAD_MAX_COPY; i++)
    {
      if (i >= n)
	break;
      if (p[i] != q[i] || p[i] == 0)
	{
	  *result = offload_launder (c, (__s64) p[i] - (__s64) q[i]);
	  return 0;
	}
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
  if (n > OFFLOAD_MAX_COPY)
    return -1;
  __u8 *p = offload_read (c, s, n, 0);
  if (!p)
    return -1;
  for (__u32 i = 0; i < OFFLOAD_MAX_COPY; i++)
    {
      if (i >= n)
	break;
      if (p[i] == ch)
	{
	  *result = offload_launder (c, s + i);
	  return 0;
	}
    }
  return 0;
}

static __attribute__ ((noinline)) int
offload_strchr (struct offload_ctx *c, __u64 s, __u8 ch, __u64 *result)
{
  *result = 0;
  __u64 n = offload_readable (c, s, OFFLOAD_MAX_COPY);
  if (n == 0)
    return -1;
  __u8 *p = offload_read (c, s, n, 0);
  if (!p)
    return -1;
  for (__u32 i = 0; i < OFFLOAD_MAX_COPY; i++)
    {
      if (i >= n)
	break;
      if (p[i] == ch)
	{
	  *result = offload_launder (c, s + i);
	  return 0;
	}
      if (p[i] == 0)
	return 0;
    }
  return -1;
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
  __u64 q = ua / ub;
  return (a < 0) != (b < 0) ? -(__s64) q : (__s64) q;
}

static __attribute__ ((always_inline)) inline __s64
offload_smod (__s64 a, __s64 b)
{
  __u64 ua = a < 0 ? -(__u64) a : (__u64) a;
  __u64 ub = b < 0 ? -(__u64) b : (__u64) b;
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
