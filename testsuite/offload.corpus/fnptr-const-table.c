/* fnptr-const-table: commands dispatched through a constant table of
   function pointers, indexed by the request's first byte.  The table is
   read-only, but which entry is called depends on the request, so the
   call is indirect at link time: the plugin refuses the path, saying
   so, and the split server answers everything from userspace.
   Request: a byte 'a'..'d' and text; reply: the text transformed.  */
/* corpus-expect: verdict infeasible "calls through a pointer" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

static size_t
op_upper (const char *in, size_t n, char *out)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] >= 'a' && in[i] <= 'z' ? in[i] - 32 : in[i];
  return n;
}

static size_t
op_reverse (const char *in, size_t n, char *out)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[n - 1 - i];
  return n;
}

static size_t
op_length (const char *in, size_t n, char *out)
{
  (void) in;
  out[0] = (char) ('0' + n % 10);
  return 1;
}

static size_t
op_copy (const char *in, size_t n, char *out)
{
  memcpy (out, in, n);
  return n;
}

static size_t (*const ops[4]) (const char *, size_t, char *)
  = { op_upper, op_reverse, op_length, op_copy };

static unsigned long served;

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 1 || req[0] < 'a' || req[0] > 'd')
    return -1;
  served++;
  return (long) ops[req[0] - 'a'] (req + 1, len - 1, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("served %lu\n", served);
  return 0;
}
