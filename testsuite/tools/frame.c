/* frame.c -- checksum arithmetic on the frames of the XDP test tools.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#include "frame.h"

void
put16 (uint8_t *p, unsigned int v)
{
  p[0] = (uint8_t) (v >> 8);
  p[1] = (uint8_t) v;
}

unsigned int
get16 (const uint8_t *p)
{
  return (unsigned int) p[0] << 8 | p[1];
}

uint32_t
sum_bytes (uint32_t sum, const uint8_t *p, size_t len)
{
  size_t i;

  for (i = 0; i + 1 < len; i += 2)
    sum += (uint32_t) p[i] << 8 | p[i + 1];
  if (len & 1)
    sum += (uint32_t) p[len - 1] << 8;
  return sum;
}

uint16_t
fold (uint32_t sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t) sum;
}

uint16_t
udp_sum (int ipver, const uint8_t *addrs, const uint8_t *udp, size_t len,
	 size_t claimed_len)
{
  uint32_t sum = sum_bytes (0, addrs, ipver == 4 ? 8 : 32);

  sum += IPPROTO_UDP_NUM;
  sum += (uint32_t) claimed_len & 0xffff;
  sum += (uint32_t) claimed_len >> 16;
  return fold (sum_bytes (sum, udp, len));
}

void
frame_fix_checksums (struct frame *f)
{
  uint8_t *ip = f->bytes + f->l3_off;
  uint8_t *udp = f->bytes + f->l4_off;
  size_t claimed, have;
  uint16_t c;

  if (f->ipver == 0 || f->l4_off + 8 > f->len)
    return;
  claimed = get16 (udp + 4);
  have = f->len - f->l4_off;
  if (claimed < have)
    have = claimed;
  if (f->ipver == 4)
    {
      size_t hl = (size_t) (ip[0] & 15) * 4;

      /* An IHL below 5 still leaves a 20-byte header in the frame.  */
      if (hl < 20)
	hl = 20;
      put16 (udp + 6, 0);
      c = (uint16_t) ~udp_sum (4, ip + 12, udp, have, claimed);
      put16 (udp + 6, c ? c : 0xffff);
      put16 (ip + 10, 0);
      if (f->l3_off + hl <= f->len)
	put16 (ip + 10, (uint16_t) ~fold (sum_bytes (0, ip, hl)));
    }
  else
    {
      put16 (udp + 6, 0);
      c = (uint16_t) ~udp_sum (6, ip + 8, udp, have, claimed);
      put16 (udp + 6, c ? c : 0xffff);
    }
}
