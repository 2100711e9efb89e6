/* signed-division: C's signed division and remainder (rounding toward
   zero, the remainder taking the dividend's sign) on negative numbers,
   and an arithmetic right shift.  BPF has no signed division (bpf-gcc
   12 calls a library function for it); the generator must rewrite it
   exactly.  The path is offloaded, and the replies must match.
   Request: "D a b" (optional '-', a and b up to 9 digits) -> "q r s"
   with q = a / b, r = a % b, s = a >> 3; b = 0 -> "div0".  */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned long divided;

/* Parse an optionally negative decimal at *P; advance *P.  */
static long __attribute__ ((noinline))
number (const char **p, const char *end)
{
  int neg = *p < end && **p == '-';
  if (neg)
    (*p)++;
  long v = 0;
  for (int i = 0; i < 9 && *p < end && **p >= '0' && **p <= '9'; i++)
    v = v * 10 + (*(*p)++ - '0');
  return neg ? -v : v;
}

static long __attribute__ ((noinline))
put (char *out, long v)
{
  char d[20];
  int k = 0;
  unsigned long m = v < 0 ? -(unsigned long) v : (unsigned long) v;
  do
    d[k++] = (char) ('0' + m % 10);
  while ((m /= 10) != 0);
  long pos = 0;
  if (v < 0)
    out[pos++] = '-';
  while (k > 0)
    out[pos++] = d[--k];
  return pos;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 3 || req[0] != 'D' || req[1] != ' ')
    return -1;
  const char *p = req + 2, *end = req + len;
  long a = number (&p, end);
  if (p < end && *p == ' ')
    p++;
  long b = number (&p, end);
  divided++;
  if (b == 0)
    {
      memcpy (out, "div0", 4);
      return 4;
    }
  long pos = put (out, a / b);
  out[pos++] = ' ';
  pos += put (out + pos, a % b);
  out[pos++] = ' ';
  pos += put (out + pos, a >> 3);
  return pos;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("divided %lu\n", divided);
  return 0;
}
