/* huge-frame: a handler with a 64 KiB local table (a histogram of the
   request's bytes, kept per byte value in 256-byte rows).  Far more
   than a function may keep in the kernel: the path is refused with the
   frame's size; "PING" does not call it and is offloaded.
   Requests: "PING"; "H" text -> "top C N", the most frequent byte.  */
/* corpus-expect: verdict infeasible "its locals take [0-9]+ bytes" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned long counted;

static long __attribute__ ((noinline))
histogram (const char *p, size_t len, char *out)
{
  unsigned char rows[256][256];
  memset (rows, 0, sizeof rows);
  for (size_t i = 0; i < len; i++)
    rows[(unsigned char) p[i]][i & 255]++;
  unsigned best = 0, best_n = 0;
  for (unsigned c = 0; c < 256; c++)
    {
      unsigned n = 0;
      for (unsigned j = 0; j < 256; j++)
	n += rows[c][j];
      if (n > best_n)
	best = c, best_n = n;
    }
  memcpy (out, "top ", 4);
  out[4] = (char) best;
  out[5] = ' ';
  out[6] = (char) ('0' + best_n % 10);
  return 7;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len < 2 || req[0] != 'H')
    return -1;
  counted++;
  return histogram (req + 1, len - 1, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("counted %lu\n", counted);
  return 0;
}
