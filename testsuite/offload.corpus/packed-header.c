/* packed-header: requests with a binary header read through a packed
   structure (unaligned 16-, 32- and 64-bit fields) and a reply header
   written the same way.  Unaligned loads and stores of packet data:
   the path is offloaded and the program must load and answer right.
   Request: 1 byte type, then a 4-byte and an 8-byte little-endian
   field at offsets 1 and 5 (13 bytes) -> type, then the sum as 8
   bytes at offset 1 and the 2-byte length at offset 9.  */
/* corpus-expect: verdict offloaded */
/* corpus-expect: no-verdict infeasible */

#include "corpus-server.h"

struct __attribute__ ((packed)) request
{
  uint8_t type;
  uint32_t a;
  uint64_t b;
};

struct __attribute__ ((packed)) reply
{
  uint8_t type;
  uint64_t sum;
  uint16_t len;
};

static unsigned long summed;

static long
handle (const char *req, size_t len, char *out)
{
  if (len != sizeof (struct request))
    return -1;
  const struct request *r = (const struct request *) req;
  struct reply *w = (struct reply *) out;
  w->type = r->type;
  w->sum = r->a + r->b;
  w->len = (uint16_t) len;
  summed++;
  return sizeof *w;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("summed %lu\n", summed);
  return 0;
}
