/* vla: a variable-length array sized by the request (a scratch copy of
   the payload, reversed).  Its size is only known at run time and the
   BPF stack is fixed: the path is refused as a variable-length stack
   object.  "PING" needs none and is offloaded.
   Requests: "PING" -> "PONG"; "R" text -> the text reversed.  */
/* corpus-expect: verdict infeasible "variable-length stack objects" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static unsigned long reversed;

static size_t __attribute__ ((noinline))
reverse_copy (const char *in, size_t n, char *out)
{
  char tmp[n + 1];
  for (size_t i = 0; i < n; i++)
    tmp[i] = in[n - 1 - i];
  memcpy (out, tmp, n);
  return n;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len < 1 || req[0] != 'R')
    return -1;
  reversed++;
  return (long) reverse_copy (req + 1, len - 1, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("reversed %lu\n", reversed);
  return 0;
}
