/* packet-fuzz.h -- seeded mutations of request frames (xdp-diff --fuzz).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The fuzzer takes a request from the request file and a frame xdp-diff
   built for it, and mutates both: the payload (bytes, lengths, numbers,
   oversized), and the headers (VLAN tags, Ethernet type, IPv4 options,
   flags, fragments, lengths, checksums, IPv6 extension headers,
   addresses, ports, truncation).  Every header mutation knows whether
   the stack would still deliver the datagram to the service's socket:
   if any says no, the frame is not for the service, and the program
   under test must pass it up unchanged.  Where the stack is more lenient
   than the fast path's parser must be (a UDP length below the IP
   payload's, IPv6 extension headers), the frame counts as not for the
   service: passing it up is then the only answer that is right whatever
   the stack does.

   Everything comes from one seeded generator, so a seed and a count
   replay the same packets in the same order.  */

#ifndef OFFLOAD_PACKET_FUZZ_H
#define OFFLOAD_PACKET_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"

/* The largest payload and frame the fuzzer makes: beyond what the fast
   path copies (2048 bytes), within BPF_PROG_TEST_RUN's linear frame.  */
#define FUZZ_MAX_PAYLOAD 3000
#define FUZZ_MAX_FRAME 3400

struct fuzz_rng
{
  uint64_t state;
};

void fuzz_seed (struct fuzz_rng *rng, unsigned long seed);
/* A number below N (N > 0).  */
uint32_t fuzz_below (struct fuzz_rng *rng, uint32_t n);

/* Names of the mutations applied, for messages: "+name" each.  */
struct fuzz_log
{
  char text[256];
};

void fuzz_log_add (struct fuzz_log *log, const char *name);

/* Write into OUT (room for FUZZ_MAX_PAYLOAD bytes) a mutation of the LEN
   bytes at IN; OTHER (OTHER_LEN bytes) is another request to splice
   from.  Return the new length.  */
size_t fuzz_mutate_payload (struct fuzz_rng *rng, const uint8_t *in,
			    size_t len, const uint8_t *other,
			    size_t other_len, uint8_t *out,
			    struct fuzz_log *log);

/* What the fuzzer must know of the service.  */
struct fuzz_service
{
  bool bound;		/* bound to one address: another is not its */
};

/* Mutate the headers of F, a well-formed frame (for the service if
   FOR_SERVICE).  Return whether the result is still for the service.  */
bool fuzz_mutate_frame (struct fuzz_rng *rng, struct frame *f,
			bool for_service, const struct fuzz_service *svc,
			struct fuzz_log *log);

#endif /* OFFLOAD_PACKET_FUZZ_H */
