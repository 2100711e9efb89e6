/* inline-asm: a checksum whose rotate is written in x86 inline
   assembly (a compiler barrier elsewhere would do the same harm).
   Host instructions cannot run in BPF: the path is refused.  The "V"
   path uses no assembly and is offloaded (and "C" alone runs no
   rotate: the kernel answers it too).
   Requests: "V" -> "v1"; "C" text -> "sum XXXXXXXX" (hex).  */
/* corpus-expect: verdict infeasible "uses inline assembly" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned long summed;

static uint32_t
rotl1 (uint32_t x)
{
#if defined __x86_64__ || defined __i386__
  __asm__ ("roll $1, %0" : "+r" (x));
  return x;
#else
  __asm__ ("" : "+r" (x));
  return (x << 1) | (x >> 31);
#endif
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 1 && req[0] == 'V')
    {
      memcpy (out, "v1", 2);
      return 2;
    }
  if (len < 1 || req[0] != 'C')
    return -1;
  uint32_t sum = 0;
  for (size_t i = 1; i < len; i++)
    sum = rotl1 (sum) ^ (unsigned char) req[i];
  summed++;
  memcpy (out, "sum ", 4);
  for (int i = 0; i < 8; i++)
    out[4 + i] = "0123456789abcdef"[(sum >> (28 - 4 * i)) & 15];
  return 12;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("summed %lu\n", summed);
  return 0;
}
