/* int128: a 128-bit accumulator (unsigned __int128), as a hash or a
   big counter might use.  The generator does not translate 128-bit
   integers yet: the paths that use it are refused with that reason
   (not a crash, not a program bpf-gcc rejects).
   Requests: "PING"; "M" digits -> multiply the accumulator, reply its
   low 64 bits' last digits and whether it passed 2^64.  */
/* corpus-expect: verdict infeasible "code generator does not translate" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned __int128 acc = 1;

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len < 2 || len > 10 || req[0] != 'M')
    return -1;
  unsigned long f = 0;
  for (size_t i = 1; i < len; i++)
    f = f * 10 + (unsigned long) (req[i] & 15);
  acc *= f;
  uint64_t low = (uint64_t) acc;
  out[0] = (char) ('0' + low % 10);
  out[1] = (char) ('0' + low / 10 % 10);
  out[2] = (acc >> 64) ? 'B' : 's';
  return 3;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("acc %llu\n", (unsigned long long) acc);
  return 0;
}
