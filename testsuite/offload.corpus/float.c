/* float: a running mean kept in a double, with the integer part and
   two decimals formatted by hand (no printf).  BPF has no floating
   point: the paths that touch the double are refused; "PING" is
   offloaded.
   Requests: "PING"; "A" digits -> add the number, reply the mean as
   "M.DD"; "M" -> the mean.  */
/* corpus-expect: verdict infeasible "uses floating point" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static double total;
static unsigned samples;

static long
mean (char *out)
{
  double m = samples ? total / samples : 0.0;
  unsigned long hundredths = (unsigned long) (m * 100.0 + 0.5);
  unsigned long whole = hundredths / 100;
  char digits[20];
  int k = 0;
  do
    digits[k++] = (char) ('0' + whole % 10);
  while ((whole /= 10) != 0);
  long pos = 0;
  while (k > 0)
    out[pos++] = digits[--k];
  out[pos++] = '.';
  out[pos++] = (char) ('0' + hundredths / 10 % 10);
  out[pos++] = (char) ('0' + hundredths % 10);
  return pos;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len == 1 && req[0] == 'M')
    return mean (out);
  if (len < 2 || len > 8 || req[0] != 'A')
    return -1;
  unsigned v = 0;
  for (size_t i = 1; i < len; i++)
    {
      if (req[i] < '0' || req[i] > '9')
	return -1;
      v = v * 10 + (unsigned) (req[i] - '0');
    }
  total += v;
  samples++;
  return mean (out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("samples %u\n", samples);
  return 0;
}
