/* frame-over-512: a handler whose locals take 1 KiB (a reversal buffer
   of 1024 bytes): more than the 512-byte BPF stack, less than the 4096
   bytes the plugin lets a function keep (it keeps such locals in
   per-CPU scratch memory).  The path is offloaded.
   Request: any -> the request reversed.  */
/* corpus-expect: verdict offloaded */
/* corpus-expect: no-verdict infeasible */

#include "corpus-server.h"

static unsigned long reversed;

static long __attribute__ ((noinline))
reverse (const char *p, size_t len, char *out)
{
  char tmp[1024];
  memset (tmp, '.', sizeof tmp);
  for (size_t i = 0; i < len && i < sizeof tmp; i++)
    tmp[sizeof tmp - 1 - i] = p[i];
  memcpy (out, tmp + sizeof tmp - len, len);
  return (long) len;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len > 200)
    return -1;
  reversed++;
  return reverse (req, len, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("reversed %lu\n", reversed);
  return 0;
}
