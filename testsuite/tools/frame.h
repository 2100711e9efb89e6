/* frame.h -- the Ethernet frames the XDP test tools build, and the
   checksum arithmetic they need.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   xdp-diff builds a frame per packet (one request in one variant) and
   packet-fuzz.c mutates it; both read and fix its fields through the
   helpers here, so that the two agree on what a right checksum is.  */

#ifndef OFFLOAD_FRAME_H
#define OFFLOAD_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* Room for one frame.  BPF_PROG_TEST_RUN keeps an XDP frame linear up to
   3520 bytes (xdp-diff.c, "Sizes"); frames stay below that.  */
#define FRAME_ROOM 4096

#define IPPROTO_UDP_NUM 17
#define IPPROTO_TCP_NUM 6
#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8

struct frame
{
  uint8_t bytes[FRAME_ROOM];
  size_t len;
  size_t l3_off;		/* IP header */
  size_t l4_off;		/* UDP header */
  int ipver;			/* 4, 6, or 0 (ARP) */
  const uint8_t *payload;	/* the datagram's payload */
  size_t payload_len;
};

void put16 (uint8_t *p, unsigned int v);
unsigned int get16 (const uint8_t *p);

/* Checksums (RFC 1071), big-endian 16-bit words: add the LEN bytes at P
   to SUM, and fold a sum to 16 bits.  */
uint32_t sum_bytes (uint32_t sum, const uint8_t *p, size_t len);
uint16_t fold (uint32_t sum);

/* The one's complement sum of the UDP pseudo-header and the LEN bytes of
   UDP header and payload at UDP, with CLAIMED_LEN as the pseudo-header's
   length.  ADDRS points at source and destination address, 4 or 16
   bytes each (IPVER 4 or 6).  */
uint16_t udp_sum (int ipver, const uint8_t *addrs, const uint8_t *udp,
		  size_t len, size_t claimed_len);

/* Set F's IPv4 header checksum (if F is IPv4 with a header in the frame)
   and its UDP checksum (over what the UDP length field claims, as far as
   the frame holds it) to the right values for the fields as they are
   now.  A computed UDP sum of 0 goes out as 0xffff (RFC 768).  */
void frame_fix_checksums (struct frame *f);

#endif /* OFFLOAD_FRAME_H */
