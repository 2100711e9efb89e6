/* large-function: one very large handler, a 256-case switch on every
   byte of the request, each case different arithmetic (written with
   macros: about 1500 GIMPLE statements in one function).  Nothing in
   it is refused: the path is offloaded, and the program it makes must
   still pass the verifier (or the runtime must fall back to userspace
   with a reason; the replies stay right either way).
   Request: up to 32 bytes -> "h XXXXXXXX" (a hash, hex).  */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

#define STEP(n)								\
  case n:								\
    h = h * ((n) | 1u) + ((n) ^ 0x5au);					\
    h ^= h >> ((n) % 7 + 1);						\
    break;
#define STEP4(n) STEP (n) STEP (n + 1) STEP (n + 2) STEP (n + 3)
#define STEP16(n) STEP4 (n) STEP4 (n + 4) STEP4 (n + 8) STEP4 (n + 12)
#define STEP64(n) STEP16 (n) STEP16 (n + 16) STEP16 (n + 32) STEP16 (n + 48)

static unsigned long hashed;

static long
handle (const char *req, size_t len, char *out)
{
  if (len > 32)
    return -1;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    switch ((unsigned char) req[i])
      {
	STEP64 (0) STEP64 (64) STEP64 (128) STEP64 (192)
      }
  hashed++;
  memcpy (out, "h ", 2);
  for (int i = 0; i < 8; i++)
    out[2 + i] = "0123456789abcdef"[(h >> (28 - 4 * i)) & 15];
  return 10;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("hashed %lu\n", hashed);
  return 0;
}
