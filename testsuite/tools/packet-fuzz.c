/* packet-fuzz.c -- seeded mutations of request frames (packet-fuzz.h).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   What the stack does with a mutated header is what decides whether a
   frame is still for the service; each mutation below says, with the
   kernel's reason where it is not obvious.  */

#include <stdio.h>
#include <string.h>

#include "packet-fuzz.h"

/* ------------------------------------------------------------------ */
/* The generator: splitmix64, small and the same everywhere.  */

static uint64_t
fuzz_next (struct fuzz_rng *rng)
{
  uint64_t z = (rng->state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void
fuzz_seed (struct fuzz_rng *rng, unsigned long seed)
{
  /* Start from the seed mixed, not the seed: splitmix64 steps its state
     by a constant, so seeds N and N + 1 would give one stream shifted
     by a step.  */
  rng->state = seed;
  rng->state = fuzz_next (rng);
}

uint32_t
fuzz_below (struct fuzz_rng *rng, uint32_t n)
{
  return (uint32_t) (fuzz_next (rng) % n);
}

void
fuzz_log_add (struct fuzz_log *log, const char *name)
{
  size_t n = strlen (log->text);

  snprintf (log->text + n, sizeof log->text - n, "+%s", name);
}

/* ------------------------------------------------------------------ */
/* Payloads.  Whatever comes out is a valid datagram; the reference
   server decides what it means.  */

/* Bytes that parsers treat specially.  */
static const uint8_t interesting_bytes[] = {
  0x00, 0xff, 0x7f, 0x80, '\n', '\r', ' ', '\t', '0', '9', '-', '+', 'A',
  'z', 0x01
};

/* Numbers at the edges of what a parser of decimal text may take.  */
static const char *const interesting_numbers[] = {
  "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648",
  "-2147483649", "4294967295", "4294967296", "99999999999999999999", "007",
  "", "-", "+5", " 1", "65535", "255", "256"
};

static size_t
insert_bytes (uint8_t *buf, size_t len, size_t pos, const uint8_t *src,
	      size_t n, size_t max)
{
  if (len + n > max)
    n = max - len;
  memmove (buf + pos + n, buf + pos, len - pos);
  memcpy (buf + pos, src, n);
  return len + n;
}

static size_t
mutate_payload_once (struct fuzz_rng *rng, uint8_t *buf, size_t len,
		     const uint8_t *other, size_t other_len,
		     struct fuzz_log *log)
{
  uint8_t tmp[16];
  size_t pos = len ? fuzz_below (rng, (uint32_t) len) : 0;
  size_t n, i;

  switch (fuzz_below (rng, 10))
    {
    case 0:
      if (len == 0)
	break;
      buf[pos] ^= (uint8_t) (1u << fuzz_below (rng, 8));
      fuzz_log_add (log, "bit");
      break;
    case 1:
      if (len == 0)
	break;
      buf[pos] = fuzz_below (rng, 4) == 0
		 ? (uint8_t) fuzz_below (rng, 256)
		 : interesting_bytes[fuzz_below (rng,
						 sizeof interesting_bytes)];
      fuzz_log_add (log, "byte");
      break;
    case 2:
      n = 1 + fuzz_below (rng, 8);
      for (i = 0; i < n; i++)
	tmp[i] = (uint8_t) fuzz_below (rng, 256);
      pos = fuzz_below (rng, (uint32_t) len + 1);
      len = insert_bytes (buf, len, pos, tmp, n, FUZZ_MAX_PAYLOAD);
      fuzz_log_add (log, "insert");
      break;
    case 3:
      if (len == 0)
	break;
      n = 1 + fuzz_below (rng, 8);
      if (n > len - pos)
	n = len - pos;
      memmove (buf + pos, buf + pos + n, len - pos - n);
      len -= n;
      fuzz_log_add (log, "delete");
      break;
    case 4:
      len = fuzz_below (rng, (uint32_t) len + 1);
      fuzz_log_add (log, "truncate");
      break;
    case 5:
      /* Repeat a piece: "ADD 1 2" -> "ADD 1 21 2".  */
      if (len == 0)
	break;
      n = 1 + fuzz_below (rng, (uint32_t) (len - pos < 64 ? len - pos : 64));
      {
	uint8_t piece[64];

	memcpy (piece, buf + pos, n);
	len = insert_bytes (buf, len, pos, piece, n, FUZZ_MAX_PAYLOAD);
      }
      fuzz_log_add (log, "repeat");
      break;
    case 6:
      /* Our head, another request's tail.  */
      {
	size_t keep = fuzz_below (rng, (uint32_t) len + 1);
	size_t from = fuzz_below (rng, (uint32_t) other_len + 1);

	n = other_len - from;
	if (keep + n > FUZZ_MAX_PAYLOAD)
	  n = FUZZ_MAX_PAYLOAD - keep;
	memmove (buf + keep, other + from, n);
	len = keep + n;
      }
      fuzz_log_add (log, "splice");
      break;
    case 7:
      /* A number at the edge, over the digits where POS is, if any.  */
      {
	const char *num = interesting_numbers
	  [fuzz_below (rng, sizeof interesting_numbers
			    / sizeof interesting_numbers[0])];
	size_t start = pos, end = pos;

	while (start > 0 && buf[start - 1] >= '0' && buf[start - 1] <= '9')
	  start--;
	while (end < len && buf[end] >= '0' && buf[end] <= '9')
	  end++;
	memmove (buf + start, buf + end, len - end);
	len -= end - start;
	len = insert_bytes (buf, len, start, (const uint8_t *) num,
			    strlen (num), FUZZ_MAX_PAYLOAD);
      }
      fuzz_log_add (log, "number");
      break;
    case 8:
      /* Oversized: beyond the server's buffer, often beyond what the
	 fast path copies.  */
      {
	size_t want = 256 + fuzz_below (rng, FUZZ_MAX_PAYLOAD - 255);
	unsigned int fill = fuzz_below (rng, 3);

	for (i = len; i < want; i++)
	  buf[i] = fill == 0 ? 0 : fill == 1 ? (uint8_t) fuzz_below (rng, 256)
		   : (uint8_t) ('a' + i % 26);
	if (want > len)
	  len = want;
      }
      fuzz_log_add (log, "oversized");
      break;
    default:
      tmp[0] = interesting_bytes[fuzz_below (rng, 8)];
      len = insert_bytes (buf, len, len, tmp, 1, FUZZ_MAX_PAYLOAD);
      fuzz_log_add (log, "tail");
      break;
    }
  return len;
}

size_t
fuzz_mutate_payload (struct fuzz_rng *rng, const uint8_t *in, size_t len,
		     const uint8_t *other, size_t other_len, uint8_t *out,
		     struct fuzz_log *log)
{
  unsigned int n = 1 + fuzz_below (rng, 4);

  if (len > FUZZ_MAX_PAYLOAD)
    len = FUZZ_MAX_PAYLOAD;
  if (other_len > FUZZ_MAX_PAYLOAD)
    other_len = FUZZ_MAX_PAYLOAD;
  memcpy (out, in, len);
  while (n--)
    len = mutate_payload_once (rng, out, len, other, other_len, log);
  return len;
}

/* ------------------------------------------------------------------ */
/* Headers.  */

/* Open N bytes at OFF in F (moving the rest up); false if the frame
   would grow too big.  */
static bool
open_gap (struct frame *f, size_t off, size_t n)
{
  if (f->len + n > FUZZ_MAX_FRAME)
    return false;
  memmove (f->bytes + off + n, f->bytes + off, f->len - off);
  memset (f->bytes + off, 0, n);
  f->len += n;
  return true;
}

static void
close_gap (struct frame *f, size_t off, size_t n)
{
  memmove (f->bytes + off, f->bytes + off + n, f->len - off - n);
  f->len -= n;
}

/* Fill the LEN bytes at P (a multiple of 4, 4 to 40) with IPv4 options
   that ip_options_compile accepts on input: NOPs, at most one record
   route with a valid pointer, an end of list and zeros after it.  */
static void
good_ip_options (struct fuzz_rng *rng, uint8_t *p, size_t len)
{
  size_t i = 0;
  bool rr = false;

  memset (p, 0, len);
  while (i < len)
    {
      size_t left = len - i;
      unsigned int pick = fuzz_below (rng, 4);

      if (pick == 0 && !rr && left >= 3)
	{
	  size_t k = fuzz_below (rng, (uint32_t) ((left - 3) / 4 + 1));

	  p[i] = 7;
	  p[i + 1] = (uint8_t) (3 + 4 * k);
	  /* 4 is the first slot; 4 + 4k (one past the end) says full.  */
	  p[i + 2] = (uint8_t) (4 + 4 * fuzz_below (rng, (uint32_t) k + 1));
	  i += 3 + 4 * k;
	  rr = true;
	}
      else if (pick == 1)
	return;			/* end of list, zeros after */
      else
	p[i++] = 1;		/* NOP */
    }
}

/* Like good_ip_options, then spoil it in a way the stack drops: an
   option length below 2 or past the header, a record-route pointer
   below 4, a length byte missing at the end, or an option the stack
   refuses by default (source routes: accept_source_route is 0; CIPSO
   with no DOI configured).  */
static void
bad_ip_options (struct fuzz_rng *rng, uint8_t *p, size_t len)
{
  size_t at = 4 * fuzz_below (rng, (uint32_t) (len / 4));
  size_t left = len - at;

  good_ip_options (rng, p, len);
  memset (p + at, 1, left);	/* NOPs up to the bad one */
  switch (fuzz_below (rng, 6))
    {
    case 0:
      p[at] = 7;
      p[at + 1] = (uint8_t) fuzz_below (rng, 2);
      break;
    case 1:
      p[at] = 7;
      p[at + 1] = (uint8_t) (left + 1 + fuzz_below (rng, 8));
      break;
    case 2:
      p[at] = 7;
      p[at + 1] = 3;
      p[at + 2] = (uint8_t) fuzz_below (rng, 4);
      break;
    case 3:
      p[len - 1] = 7;
      break;
    case 4:
      if (left < 8)
	{
	  p[len - 1] = 7;
	  break;
	}
      p[at] = fuzz_below (rng, 2) ? 131 : 137;	/* LSRR, SSRR */
      p[at + 1] = 7;
      p[at + 2] = 4;
      p[at + 3] = 10;
      p[at + 6] = 1;
      break;
    default:
      if (left < 8)
	{
	  p[len - 1] = 7;
	  break;
	}
      p[at] = 134;		/* CIPSO */
      p[at + 1] = 8;
      p[at + 5] = 1;
      break;
    }
}

enum header_mutation
{
  M_VLAN, M_ETHERTYPE, M_IP4_OPTIONS, M_IP4_FLAGS, M_IP4_FIELDS,
  M_IP4_PROTOCOL, M_IP_VERSION, M_IP4_IHL_SHORT, M_IP_LEN_LONG, M_TRAILER,
  M_SRC_MARTIAN, M_DST_OTHER, M_IP6_NEXTHDR, M_IP6_EXT, M_IP6_FIELDS,
  M_UDP_DPORT, M_UDP_SPORT_ZERO, M_UDP_LEN,
  N_HEADER_MUTATIONS
};

/* The mutable state of one frame being mutated.  */
struct mutating
{
  struct frame *f;
  size_t end;			/* end of the IP datagram in the frame */
  size_t true_ulen;		/* the UDP length that is right */
  bool service;
};

static void
ip_len_add (struct mutating *m, int delta)
{
  uint8_t *ip = m->f->bytes + m->f->l3_off;

  if (m->f->ipver == 4)
    put16 (ip + 2, get16 (ip + 2) + (unsigned int) delta);
  else
    put16 (ip + 4, get16 (ip + 4) + (unsigned int) delta);
}

/* Apply mutation WHICH; false if it does not apply to this frame.  */
static bool
mutate_header (struct fuzz_rng *rng, struct mutating *m,
	       enum header_mutation which, const struct fuzz_service *svc,
	       struct fuzz_log *log)
{
  struct frame *f = m->f;
  uint8_t *b = f->bytes;
  uint8_t *ip = b + f->l3_off;
  bool v4 = f->ipver == 4, v6 = f->ipver == 6;
  unsigned int t;

  switch (which)
    {
    case M_VLAN:
      {
	unsigned int outer = get16 (b + 12);

	if (!open_gap (f, 12, 4))
	  return false;
	put16 (b + 12, fuzz_below (rng, 2) ? ETHERTYPE_VLAN : ETHERTYPE_QINQ);
	/* Any priority, DEI and VLAN id, 0 (priority tag) included.  */
	put16 (b + 14, fuzz_below (rng, 65536));
	f->l3_off += 4;
	f->l4_off += 4;
	m->end += 4;
	/* The parser takes one tag; two are another interface's.  */
	if (outer == ETHERTYPE_VLAN || outer == ETHERTYPE_QINQ)
	  m->service = false;
	fuzz_log_add (log, "vlan");
	return true;
      }

    case M_ETHERTYPE:
      do
	t = fuzz_below (rng, 3) == 0 ? (v4 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4)
	    : fuzz_below (rng, 65536);
      while ((v4 && t == ETHERTYPE_IPV4) || (v6 && t == ETHERTYPE_IPV6)
	     || t == ETHERTYPE_VLAN || t == ETHERTYPE_QINQ);
      put16 (b + f->l3_off - 2, t);
      m->service = false;
      fuzz_log_add (log, "ethertype");
      return true;

    case M_IP4_OPTIONS:
      {
	size_t hl = (size_t) (ip[0] & 15) * 4, nl;
	bool bad = fuzz_below (rng, 2);

	if (!v4 || hl < 20)
	  return false;
	nl = 4 * (1 + fuzz_below (rng, 10));
	close_gap (f, f->l3_off + 20, hl - 20);
	if (!open_gap (f, f->l3_off + 20, nl))
	  {
	    open_gap (f, f->l3_off + 20, hl - 20);
	    return false;
	  }
	if (bad)
	  bad_ip_options (rng, ip + 20, nl);
	else
	  good_ip_options (rng, ip + 20, nl);
	ip[0] = (uint8_t) ((ip[0] & 0xf0) | (20 + nl) / 4);
	ip_len_add (m, (int) nl - (int) (hl - 20));
	f->l4_off += nl - (hl - 20);
	m->end += nl - (hl - 20);
	if (bad)
	  m->service = false;
	fuzz_log_add (log, bad ? "ip-options-bad" : "ip-options");
	return true;
      }

    case M_IP4_FLAGS:
      if (!v4)
	return false;
      switch (fuzz_below (rng, 6))
	{
	case 0: t = 0; break;
	case 1: t = 0x4000; break;
	case 2: t = 0xc000; break;	/* the reserved bit: not checked */
	case 3: t = 0x2000; break;	/* MF */
	case 4: t = 1 + fuzz_below (rng, 0x1fff); break;
	default: t = 0x2000 | (1 + fuzz_below (rng, 0x1fff)); break;
	}
      put16 (ip + 6, t);
      if (t & 0x3fff)
	m->service = false;	/* a fragment: reassembly first */
      fuzz_log_add (log, (t & 0x3fff) ? "fragment" : "ip-flags");
      return true;

    case M_IP4_FIELDS:
      if (!v4)
	return false;
      ip[1] = (uint8_t) fuzz_below (rng, 256);	/* TOS and ECN */
      put16 (ip + 4, fuzz_below (rng, 65536));	/* id */
      ip[8] = (uint8_t) fuzz_below (rng, 256);	/* TTL: not checked on
						   local delivery */
      fuzz_log_add (log, "ip-fields");
      return true;

    case M_IP4_PROTOCOL:
      if (!v4)
	return false;
      do
	t = fuzz_below (rng, 2) ? 136 /* UDP-Lite */ : fuzz_below (rng, 256);
      while (t == IPPROTO_UDP_NUM);
      ip[9] = (uint8_t) t;
      m->service = false;
      fuzz_log_add (log, "ip-protocol");
      return true;

    case M_IP_VERSION:
      if (!v4 && !v6)
	return false;
      do
	t = fuzz_below (rng, 16);
      while (t == (unsigned int) f->ipver);
      ip[0] = (uint8_t) ((t << 4) | (ip[0] & 15));
      m->service = false;
      fuzz_log_add (log, "ip-version");
      return true;

    case M_IP4_IHL_SHORT:
      if (!v4)
	return false;
      ip[0] = (uint8_t) ((ip[0] & 0xf0) | fuzz_below (rng, 5));
      m->service = false;
      fuzz_log_add (log, "ihl-short");
      return true;

    case M_IP_LEN_LONG:
      /* Longer than the frame, even with a trailer (at most 64).  */
      if (!v4 && !v6)
	return false;
      ip_len_add (m, (int) (f->len - m->end) + 65
			+ (int) fuzz_below (rng, 200));
      m->service = false;
      fuzz_log_add (log, "ip-len-long");
      return true;

    case M_TRAILER:
      {
	size_t n = 1 + fuzz_below (rng, 64), i;

	if (f->len + n > FUZZ_MAX_FRAME)
	  return false;
	for (i = 0; i < n; i++)
	  b[f->len + i] = (uint8_t) fuzz_below (rng, 256);
	f->len += n;
	/* Ethernet padding: the IP length says where the datagram
	   ends.  */
	fuzz_log_add (log, "trailer");
	return true;
      }

    case M_SRC_MARTIAN:
      /* Zero net, multicast, reserved or broadcast sources: dropped by
	 routing (IPv4), or by ipv6_rcv (multicast, IPv6).  */
      if (v4)
	ip[12] = fuzz_below (rng, 2) ? 0 : (uint8_t) (224 + fuzz_below (rng, 32));
      else if (v6)
	ip[8] = 0xff;
      else
	return false;
      m->service = false;
      fuzz_log_add (log, "src-martian");
      return true;

    case M_DST_OTHER:
      if (!v4 && !v6)
	return false;
      if (svc->bound)
	/* Another address: not the socket's.  */
	ip[v4 ? 19 : 39] ^= (uint8_t) (1 + fuzz_below (rng, 255));
      else if (v4)
	/* Multicast, reserved or broadcast: no group joined.  */
	ip[16] = (uint8_t) (224 + fuzz_below (rng, 32));
      else
	ip[24] = 0xff;
      m->service = false;
      fuzz_log_add (log, "dst-other");
      return true;

    case M_IP6_NEXTHDR:
      {
	static const uint8_t others[] = { 0, 6, 43, 44, 50, 51, 58, 59, 60,
					  135, 136 };

	if (!v6)
	  return false;
	ip[6] = fuzz_below (rng, 2) ? others[fuzz_below (rng, sizeof others)]
		: (uint8_t) fuzz_below (rng, 256);
	if (ip[6] == IPPROTO_UDP_NUM)
	  ip[6] = 0;
	m->service = false;
	fuzz_log_add (log, "ip6-nexthdr");
	return true;
      }

    case M_IP6_EXT:
      {
	static const uint8_t types[] = { 0, 43, 44, 60 };
	uint8_t *h;

	if (!v6 || ip[6] != IPPROTO_UDP_NUM || !open_gap (f, f->l4_off, 8))
	  return false;
	h = b + f->l4_off;
	h[0] = ip[6];
	ip[6] = types[fuzz_below (rng, sizeof types)];
	if (ip[6] == 43)
	  h[2] = (uint8_t) fuzz_below (rng, 5);	/* routing type, 0 left */
	else if (ip[6] != 44)
	  {
	    h[2] = 1;			/* PadN over the rest */
	    h[3] = 4;
	  }
	/* 44: an atomic fragment, offset 0, no more.  */
	ip_len_add (m, 8);
	f->l4_off += 8;
	m->end += 8;
	/* The stack takes these; the fast path passes every extension
	   header up, so the frame must come back unchanged.  */
	m->service = false;
	fuzz_log_add (log, "ip6-ext");
	return true;
      }

    case M_IP6_FIELDS:
      if (!v6)
	return false;
      /* The version stays what it is: M_IP_VERSION may have spoiled
	 it.  */
      ip[0] = (uint8_t) ((ip[0] & 0xf0) | fuzz_below (rng, 16));
      ip[1] = (uint8_t) fuzz_below (rng, 256);
      ip[2] = (uint8_t) fuzz_below (rng, 256);
      ip[3] = (uint8_t) fuzz_below (rng, 256);
      ip[7] = (uint8_t) fuzz_below (rng, 256);
      fuzz_log_add (log, "ip6-fields");
      return true;

    case M_UDP_DPORT:
      if (!v4 && !v6)
	return false;
      put16 (b + f->l4_off + 2,
	     get16 (b + f->l4_off + 2) + 1 + fuzz_below (rng, 65535));
      m->service = false;
      fuzz_log_add (log, "udp-port");
      return true;

    case M_UDP_SPORT_ZERO:
      if (!v4 && !v6)
	return false;
      put16 (b + f->l4_off, 0);
      m->service = false;
      fuzz_log_add (log, "udp-sport-0");
      return true;

    case M_UDP_LEN:
      if (!v4 && !v6)
	return false;
      /* Longer than the IP payload: dropped.  Shorter: the stack trims
	 the datagram to it (pskb_trim_rcsum), the fast path passes it
	 up rather than guess.  */
      if (fuzz_below (rng, 2))
	put16 (b + f->l4_off + 4,
	       (unsigned int) m->true_ulen + 1 + fuzz_below (rng, 64));
      else
	put16 (b + f->l4_off + 4,
	       fuzz_below (rng, (uint32_t) m->true_ulen));
      m->service = false;
      fuzz_log_add (log, "udp-len");
      return true;

    default:
      return false;
    }
}

/* Checksum and length damage, after the checksums were made right.  */
static void
mutate_checksum_or_cut (struct fuzz_rng *rng, struct mutating *m,
			struct fuzz_log *log)
{
  struct frame *f = m->f;
  uint8_t *ip = f->bytes + f->l3_off;
  uint8_t *udp = f->bytes + f->l4_off;
  bool v4 = f->ipver == 4;
  const uint8_t *addrs = ip + (v4 ? 12 : 8);
  uint16_t partial = udp_sum (f->ipver, addrs, udp, 0, get16 (udp + 4));

  switch (fuzz_below (rng, 5))
    {
    case 0:
      if (!v4)
	return;
      /* Any change but 0x0000 <-> 0xffff breaks it.  */
      ip[10] ^= (uint8_t) (1 + fuzz_below (rng, 254));
      m->service = false;
      fuzz_log_add (log, "bad-ip-csum");
      return;
    case 1:
      /* No checksum: fine in IPv4, dropped in IPv6 (RFC 8200 8.1).  */
      put16 (udp + 6, 0);
      if (!v4)
	m->service = false;
      fuzz_log_add (log, "udp-csum-0");
      return;
    case 2:
      /* Wrong: not the right one, not 0 (IPv4: none) and not the
	 pseudo-header's sum (which the stack takes from this host).  */
      {
	uint16_t c = (uint16_t) get16 (udp + 6);
	uint16_t w;

	do
	  w = (uint16_t) (c ^ (1 + fuzz_below (rng, 65535)));
	while (w == 0 || w == partial || (w == 0xffff && c == 0)
	       || (w == 0 && c == 0xffff));
	put16 (udp + 6, w);
	m->service = false;
	fuzz_log_add (log, "bad-udp-csum");
	return;
      }
    case 3:
      put16 (udp + 6, partial);
      fuzz_log_add (log, "udp-csum-partial");
      return;
    default:
      /* Cut inside the datagram, the headers still claiming all.  */
      if (m->end <= 14)
	return;
      f->len = 14 + fuzz_below (rng, (uint32_t) (m->end - 14));
      m->service = false;
      fuzz_log_add (log, "truncated");
      return;
    }
}

bool
fuzz_mutate_frame (struct fuzz_rng *rng, struct frame *f, bool for_service,
		   const struct fuzz_service *svc, struct fuzz_log *log)
{
  struct mutating m;
  bool done[N_HEADER_MUTATIONS] = { false };
  /* Half the frames keep their headers: most header mutations make a
     frame not for the service, and the payload's differential test
     needs frames that are.  */
  unsigned int n = fuzz_below (rng, 2) ? 0 : 1 + fuzz_below (rng, 3);
  unsigned int tries;

  m.f = f;
  m.service = for_service;
  m.end = f->len;
  m.true_ulen = f->len - f->l4_off;
  /* Each mutation at most once: a second could undo what made the
     first one's frame not for the service.  */
  for (tries = 0; n > 0 && tries < 20; tries++)
    {
      enum header_mutation which
	= (enum header_mutation) fuzz_below (rng, N_HEADER_MUTATIONS);

      if (done[which])
	continue;
      done[which] = true;
      if (mutate_header (rng, &m, which, svc, log))
	n--;
    }
  frame_fix_checksums (f);
  if (fuzz_below (rng, 4) == 0)
    mutate_checksum_or_cut (rng, &m, log);
  return m.service;
}
